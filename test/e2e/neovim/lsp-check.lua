-- Neovim 0.7's built-in LSP client on the notice language server, headless.
-- Environment: NOTICE_SERVER (path of dist/server.cjs or the bin), NOTICE_FILE (the .notice
-- file to open), NOTICE_OUT (where to write the JSON result), NOTICE_ROOT (workspace root).
-- Writes { diagnostics = [...], formatting = { edits = [...] }, formatted = [lines], error = ... }.
local out = { diagnostics = {}, log = {} }
local outpath = os.getenv('NOTICE_OUT')

local function finish()
  vim.fn.writefile({ vim.fn.json_encode(out) }, outpath)
  vim.cmd('qall!')
end

local ok, err = pcall(function()
  local file = os.getenv('NOTICE_FILE')
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.bo[bufnr].filetype = 'notice'

  local client_id = vim.lsp.start_client({
    name = 'notice',
    cmd = { 'node', os.getenv('NOTICE_SERVER'), '--stdio' },
    root_dir = os.getenv('NOTICE_ROOT'),
    on_exit = function(code) table.insert(out.log, 'server exited ' .. tostring(code)) end,
  })
  if not client_id then error('start_client failed') end
  vim.lsp.buf_attach_client(bufnr, client_id)

  -- The server publishes after didOpen; wait for its diagnostics (polling, not sleeping).
  local got = vim.wait(30000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50)
  out.waited_for_diagnostics = got
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = (d.user_data and d.user_data.lsp) or {}
    table.insert(out.diagnostics, {
      lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      severity = d.severity, message = d.message,
      code = d.code or lsp.code, source = d.source or lsp.source,
    })
  end

  local client = vim.lsp.get_client_by_id(client_id)
  out.server_name = client.server_capabilities and client.name
  out.can_format = client.server_capabilities.documentFormattingProvider and true or false
  local params = vim.lsp.util.make_formatting_params({ tabSize = 2, insertSpaces = true })
  local res, rerr = client.request_sync('textDocument/formatting', params, 20000, bufnr)
  if not res then error('formatting request failed: ' .. tostring(rerr)) end
  if res.err then error('formatting error: ' .. vim.inspect(res.err)) end
  out.formatting = { edits = res.result or vim.NIL }
  if res.result and #res.result > 0 then
    vim.lsp.util.apply_text_edits(res.result, bufnr, client.offset_encoding or 'utf-16')
  end
  out.formatted = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  client.stop()
  vim.wait(5000, function() return client.is_stopped() end, 50)
end)
if not ok then out.error = tostring(err) end
finish()
