-- Fake st.driver: Driver(name, template) with the template keys the hub reads, device creation
-- (LAN and EDGE_CHILD checks, then `added` and `init` as the hub does, a moment later), timers,
-- lifecycle and command dispatch.
local Device = require "tests.fakes.device"

local function new_driver_class(env)
  return function(name, template)
    local driver = {
      NAME = name,
      template = template,
      discovery = template.discovery,
      lifecycle_handlers = template.lifecycle_handlers or {},
      capability_handlers = template.capability_handlers or {},
      unhandled = {},
      created = {},
      ran = false,
    }
    -- A key the hub does not read would be a bug (the earlier driver used `lifecycle`).
    for key in pairs(template) do
      assert(({ discovery = true, lifecycle_handlers = true, capability_handlers = true, driver_lifecycle = true,
        lan_info_changed_handler = true, sub_drivers = true })[key], "template key the hub ignores: " .. key)
    end

    function driver:get_devices()
      local list = {}
      for _, d in ipairs(env.devices) do if not d.removed then list[#list + 1] = d end end
      return list
    end

    function driver:try_create_device(meta)
      if meta.type == "EDGE_CHILD" then
        assert(meta.parent_device_id, "EDGE_CHILD needs parent_device_id")
        assert(type(meta.parent_assigned_child_key) == "string", "EDGE_CHILD needs a string parent_assigned_child_key")
      else
        assert(meta.type == "LAN", "unexpected device type " .. tostring(meta.type))
        assert(type(meta.device_network_id) == "string", "LAN device needs device_network_id")
      end
      assert(env.profiles[meta.profile], "no profile named " .. tostring(meta.profile))
      self.created[#self.created + 1] = meta
      -- The hub creates the device asynchronously.
      local function create()
        for _, d in ipairs(env.devices) do
          if not d.removed and ((meta.device_network_id and d.device_network_id == meta.device_network_id)
            or (meta.parent_assigned_child_key and d.parent_device_id == meta.parent_device_id
              and d.parent_assigned_child_key == meta.parent_assigned_child_key)) then
            return -- already exists: the hub ignores the duplicate
          end
        end
        local device = Device.new(env, meta)
        env.devices[#env.devices + 1] = device
        self:lifecycle(device, "added")
        self:lifecycle(device, "init")
      end
      if env.create_at_once then create() else env.timers:call_with_delay(0, create, "create device") end
    end

    function driver:lifecycle(device, event, args)
      local handler = self.lifecycle_handlers[event]
      if not handler then
        self.unhandled[#self.unhandled + 1] = event
        return
      end
      handler(self, device, event, args)
    end

    function driver:command(device, capability, command, args, component)
      local by_cap = self.capability_handlers[capability]
      local handler = by_cap and by_cap[command]
      assert(handler, "no handler for " .. capability .. "." .. command)
      handler(self, device, { capability = capability, command = command, args = args or {}, component = component or "main" })
    end

    function driver:call_with_delay(s, fn, timer_name)
      return env.timers:call_with_delay(s, function() fn(self) end, timer_name)
    end

    function driver:call_on_schedule(s, fn, timer_name)
      return env.timers:call_on_schedule(s, function() fn(self) end, timer_name)
    end

    function driver:cancel_timer(t) env.timers:cancel(t) end

    function driver:run() self.ran = true end

    env.driver = driver
    return driver
  end
end

return { new_driver_class = new_driver_class }
