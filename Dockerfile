# syntax=docker/dockerfile:1
# netatmo-smartthings-bridge — multi-stage image for amd64 and arm64 (Raspberry Pi 4/5, most NAS).
# No native modules: every dependency is plain JavaScript, so the same image builds anywhere.
#   docker build -t netatmo-bridge .
#   docker buildx build --platform linux/amd64,linux/arm64 -t <registry>/netatmo-bridge:1.0.0 --push .
# Run it with docker-compose.yml (host networking for SSDP discovery; see docs/operations.md).

ARG NODE_VERSION=22

# --- build: all dependencies, compile TypeScript to dist/ -------------------------------------
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# --- runtime: production dependencies and dist/ only ------------------------------------------
FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production \
    DATA_DIR=/data \
    HOST=0.0.0.0 \
    PORT=5000 \
    LOG_FORMAT=json
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund \
    && npm cache clean --force \
    && mkdir -p /data \
    && chown node:node /data
COPY --from=build /app/dist ./dist
# The data file holds Netatmo tokens: owned by the unprivileged "node" user (uid 1000), mode 0600.
USER node
VOLUME ["/data"]
EXPOSE 5000/tcp 1900/udp
# No curl in slim images: Node's own fetch asks /healthz (200 while the process serves).
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 5000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
STOPSIGNAL SIGTERM
# Not "npm start": that rebuilds with tsc (a dev dependency) and npm would sit between the signal
# and the bridge. The bridge stops within 5 s of SIGTERM (docker stop waits 10 s).
CMD ["node", "dist/main.js"]
