-- wrk script of benchmarks/download.sh: GET /v1/embeds/{id}/file?format=<format> with "Authorization: Bearer <key>",
-- rotating over the embed ids (each thread starts at another one).
-- Arguments after the URL: <ids file> <api key> [format: preview (default) or full] [mode: "nginx": the request is
-- /v1/embeds/{id}/file/<format>, the layout nginx serves the same bytes from; "badkey": a wrong API key (401 after
-- the key's hash is looked up); "nokey": no Authorization header (401 before any lookup); "cxf": the same download as
-- /v1/embeds/{id}/file/?format=..., a path that is not the canonical one, so CXF serves it instead of the REST
-- bundle's FileDownloadPreprocessor: the same answer through CXF's servlet, for comparison].
-- done() prints one machine-readable RESULT line (latencies in microseconds) that download.sh turns into its table.
local ids, key, format, mode, i = {}, "", "preview", "", 0
local threads = 0

function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then ids[#ids + 1] = line end
  end
  key = args[2]
  format = args[3] or "preview"
  mode = args[4] or ""
  assert(#ids > 0, "no embed ids in " .. args[1])
  i = (tid * 7) % #ids
end

function request()
  i = i % #ids + 1
  local path
  if mode == "nginx" then
    path = "/v1/embeds/" .. ids[i] .. "/file/" .. format
  elseif mode == "cxf" then
    path = "/v1/embeds/" .. ids[i] .. "/file/?format=" .. format
  else
    path = "/v1/embeds/" .. ids[i] .. "/file?format=" .. format
  end
  if mode == "nokey" then
    return wrk.format("GET", path)
  elseif mode == "badkey" then
    return wrk.format("GET", path, { ["Authorization"] = "Bearer ki_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" })
  end
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. key })
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT requests=%d duration_us=%d bytes=%d status_errors=%d socket_errors=%d p50_us=%d p99_us=%d\n",
    summary.requests, summary.duration, summary.bytes, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(99)))
end
