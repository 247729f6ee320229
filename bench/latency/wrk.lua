-- Paces wrk (a closed-loop tool) to about a target rate and prints its numbers as one JSON line.
-- GOLIVE_WRK_DELAY_MS: the pause each connection takes before sending its next request; with c
-- connections and a mean service time s, the rate is about c / (delay + s). wrk times a request from
-- the moment it is written, after the pause, so a stall delays that connection's next request
-- instead of showing in it: coordinated omission.
local pause = tonumber(os.getenv("GOLIVE_WRK_DELAY_MS") or "0")

if pause > 0 then
  function delay()
    return pause
  end
end

function done(summary, latency, requests)
  io.write(string.format('GOLIVE_WRK {"requests":%d,"durationUs":%d,"errors":%d,"mean":%.3f,"p50":%.3f,"p99":%.3f,"max":%.3f}\n',
    summary.requests, summary.duration,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout,
    latency.mean / 1000, latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
