-- Drives `vmlint lsp` from a real Neovim (headless): open a draft, read the diagnostics,
-- apply the preferred quick fix, read them again, hover. Writes what it saw as JSON lines
-- to $VMLINT_OUT. Started by tests/test_lsp_editor.py.
vim.cmd("filetype on")
local out = {}
local function put(kind, value) table.insert(out, vim.fn.json_encode({ kind = kind, value = value })) end

vim.api.nvim_create_autocmd("FileType", {
  pattern = { "text", "markdown" },
  callback = function(args)
    local config = {
      name = "vmlint",
      cmd = { vim.env.VMLINT_PYTHON, "-m", "vmlint", "lsp" },
      root_dir = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(args.buf), ":h"),
      init_options = { ignore = { "VM102" } },
    }
    if vim.lsp.start then
      vim.lsp.start(config)  -- Neovim 0.8 and later: what the README's snippet calls
    else
      vim.lsp.buf_attach_client(args.buf, vim.lsp.start_client(config))
    end
  end,
})

local function diagnostics()
  local seen = {}
  for _, d in ipairs(vim.diagnostic.get(0)) do
    table.insert(seen, { line = d.lnum, col = d.col, end_col = d.end_col, severity = d.severity,
                         code = d.code or d.user_data.lsp.code, message = d.message })
  end
  table.sort(seen, function(a, b) return a.col < b.col or (a.col == b.col and a.code < b.code) end)
  return seen
end

vim.cmd("edit " .. vim.fn.fnameescape(vim.env.VMLINT_DRAFT))
vim.wait(60000, function() return #vim.diagnostic.get(0) > 0 end, 50)
local before = diagnostics()
put("diagnostics", before)

local line = vim.api.nvim_get_current_line()
vim.api.nvim_win_set_cursor(0, { 1, line:find("um") - 1 })
local params = vim.lsp.util.make_range_params()
params.context = { diagnostics = {} }
local answers = vim.lsp.buf_request_sync(0, "textDocument/codeAction", params, 30000) or {}
for _, answer in pairs(answers) do
  for _, action in ipairs(answer.result or {}) do
    put("action", { title = action.title, preferred = action.isPreferred or false })
    if action.isPreferred then vim.lsp.util.apply_workspace_edit(action.edit, "utf-16") end
  end
end
put("line", vim.api.nvim_buf_get_lines(0, 0, 1, false)[1])
vim.wait(60000, function() return #vim.diagnostic.get(0) ~= #before end, 50)
put("after", diagnostics())

vim.api.nvim_win_set_cursor(0, { 1, vim.api.nvim_get_current_line():find("um") - 1 })
local hovers = vim.lsp.buf_request_sync(0, "textDocument/hover", vim.lsp.util.make_position_params(), 30000) or {}
for _, answer in pairs(hovers) do
  if answer.result then put("hover", answer.result.contents.value) end
end
vim.fn.writefile(out, vim.env.VMLINT_OUT)
vim.cmd("qa!")
