-- luacheck config for the driver (same base as SmartThingsEdgeDrivers' CI config).
std = "lua53"
max_line_length = false
unused_args = false
ignore = { "42*", "43*" } -- shadowing, as upstream

files["tests/**/*_spec.lua"] = { std = "+busted" }
