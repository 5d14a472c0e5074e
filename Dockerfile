# missingkbs-bot container image. Build: docker build -t missingkbs-bot .
# Run (production): docker run -p 3978:3978 -e MicrosoftAppId=... -e MicrosoftAppTenantId=... \
#   -e MicrosoftAppPassword=... -e STORAGE=blob -e BLOB_CONNECTION_STRING=... missingkbs-bot
# The image is for production (MicrosoftAppId set): it listens on 0.0.0.0, and demo mode refuses a
# non-loopback HOST with DEFENDER_DEV_TOKEN unless ALLOW_UNAUTHENTICATED_DEMO=true. See README "Container image".

# Build and runtime share one base, so the better-sqlite3 addon compiled in the build stage matches
# the runtime's Node ABI and C library. Default: the official Node 20 slim image.
ARG BASE_IMAGE=node:20-bookworm-slim

FROM ${BASE_IMAGE} AS build
WORKDIR /app
# better-sqlite3 is compiled at `npm ci` when no prebuilt binary can be downloaded: python3, make, g++.
RUN if ! (command -v python3 && command -v make && command -v g++) >/dev/null; then \
      apt-get update && \
      DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends python3 make g++ && \
      rm -rf /var/lib/apt/lists/*; \
    fi
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
COPY cards ./cards
# tsconfig also includes test/ and scripts/: they are not in the build context, only src/ is compiled.
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM ${BASE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3978
WORKDIR /app
# A user of its own with a fixed numeric id (runAsNonRoot checks need a number); the code stays root-owned
# and read-only to it, only ./data (SQLite, the default STORAGE) is writable.
RUN groupadd --system --gid 10001 missingkbs && \
    useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin missingkbs && \
    mkdir -p /app/data && chown 10001:10001 /app/data
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist/package.json ./dist/package.json
COPY --from=build /app/dist/cards ./dist/cards
COPY --from=build /app/dist/src ./dist/src
USER 10001:10001
EXPOSE 3978
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "require('http').get({host:'127.0.0.1',port:process.env.PORT||3978,path:'/healthz',timeout:4000},r=>process.exit(r.statusCode===200?0:1)).on('error',()=>process.exit(1)).on('timeout',()=>process.exit(1))"]
# Exec form: Node is PID 1 and receives SIGTERM itself (src/index.ts drains replies in flight, then exits 0).
# The flags are npm start's: the heap bound keeps V8 from holding hundreds of MB it sized from the host.
ENTRYPOINT ["node", "--disable-warning=DEP0111", "--max-old-space-size=512", "dist/src/index.js"]
