-- SSDP: M-SEARCH format, reply parsing, USN -> id, LOCATION -> address, search over a fake socket.
local Env = require "tests.fakes.env"
local ssdp = require "ssdp"

local ST = "urn:netatmo-smartthings-bridge:device:bridge:1"

local function reply(opts)
  opts = opts or {}
  return table.concat({
    "HTTP/1.1 200 OK",
    "CACHE-CONTROL: max-age=1800",
    "EXT:",
    "LOCATION: " .. (opts.location or "http://192.168.1.20:5000/api/v1/description"),
    "SERVER: Linux/6 UPnP/1.0 netatmo-smartthings-bridge/1.0.0",
    "ST: " .. (opts.st or ST),
    "USN: uuid:" .. (opts.id or Env.BRIDGE_ID) .. "::" .. (opts.st or ST),
    "", "",
  }, "\r\n")
end

describe("ssdp", function()
  it("builds the M-SEARCH the bridge answers", function()
    local msg = ssdp.build_msearch(ST, 2)
    assert.truthy(msg:find("^M%-SEARCH %* HTTP/1%.1\r\n"))
    assert.truthy(msg:find("\r\nHOST: 239%.255%.255%.250:1900\r\n"))
    assert.truthy(msg:find('\r\nMAN: "ssdp:discover"\r\n', 1, true))
    assert.truthy(msg:find("\r\nMX: 2\r\n"))
    assert.truthy(msg:find("\r\nST: " .. ST:gsub("%-", "%%-") .. "\r\n\r\n$"))
  end)

  it("parses a reply: USN gives the stable id, LOCATION the address", function()
    local headers = ssdp.parse_response(reply())
    assert.equal(ST, headers.st)
    local bridge = ssdp.to_bridge(headers, "192.168.1.20", ST)
    assert.same({ id = Env.BRIDGE_ID, host = "192.168.1.20", port = 5000,
      location = "http://192.168.1.20:5000/api/v1/description" }, bridge)
  end)

  it("rejects other search targets, missing USN or LOCATION and non-200 datagrams", function()
    assert.is_nil(ssdp.parse_response("NOTIFY * HTTP/1.1\r\nHOST: x\r\n\r\n"))
    assert.is_nil(ssdp.to_bridge(ssdp.parse_response(reply({ st = "urn:other:device:x:1" })), "1.2.3.4", ST))
    local h = ssdp.parse_response(reply())
    h.usn = "garbage"
    assert.is_nil(ssdp.to_bridge(h, "1.2.3.4", ST))
    h = ssdp.parse_response(reply())
    h.location = nil
    assert.is_nil(ssdp.to_bridge(h, "1.2.3.4", ST))
    assert.is_nil(ssdp.parse_location("http://host:99999/x"))
  end)

  it("takes the sender's address when LOCATION names 0.0.0.0", function()
    local h = ssdp.parse_response(reply({ location = "http://0.0.0.0:5000/api/v1/description" }))
    assert.equal("10.0.0.7", ssdp.to_bridge(h, "10.0.0.7", ST).host)
  end)

  it("searches unicast where told, de-duplicates and filters by id", function()
    local socket = Env.Udp.module({
      { data = "junk", ip = "127.0.0.1", port = 1900 },
      { data = reply(), ip = "127.0.0.1", port = 1900 },
      { data = reply(), ip = "127.0.0.1", port = 1900 },
      { data = reply({ id = "other-bridge", location = "http://127.0.0.1:5001/api/v1/description" }), ip = "127.0.0.1", port = 1900 },
    })
    local found = ssdp.search({ socket = socket, target_ip = "127.0.0.1", target_port = 41900, wait_s = 3 })
    assert.equal(2, #found)
    assert.equal(Env.BRIDGE_ID, found[1].id)
    assert.equal("other-bridge", found[2].id)
    assert.equal("127.0.0.1", socket.sent[1].ip)
    assert.equal(41900, socket.sent[1].port)

    socket = Env.Udp.module({
      { data = reply(), ip = "127.0.0.1", port = 1900 },
      { data = reply({ id = "other-bridge" }), ip = "127.0.0.1", port = 1900 },
    })
    found = ssdp.search({ socket = socket, id = "other-bridge", wait_s = 3 })
    assert.equal(1, #found)
    assert.equal("other-bridge", found[1].id)
    assert.equal("239.255.255.250", socket.sent[1].ip)
  end)
end)
