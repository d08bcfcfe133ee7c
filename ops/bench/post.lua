-- wrk script: POSTs the GraphQL request in $BODY with the bearer token in $TOKEN.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
local file = assert(io.open(os.getenv("BODY"), "r"))
wrk.body = file:read("*a")
file:close()
