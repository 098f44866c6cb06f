# syntax=docker/dockerfile:1
#
# Count Us In, production image. Used by compose.yaml; see README.md, "Production on PostgreSQL".
#
#   docker build -t count-us-in .                      the app (runtime stage, the default target)
#   docker build --target build -t count-us-in:build . the full tree: runs `npm run db:deploy` (migrations)
#
# Why not Next's `output: "standalone"`: the standalone bundle starts Next's own server.js, which would
# bypass lib/platform/serve.mjs, the custom server that stamps every request with the TCP peer's address
# (lib/platform/serve-helpers.mjs, PEER_HEADER) before Next sees it. Without that stamp the app cannot tell
# a forged X-Forwarded-For from the one nginx appends, and TRUSTED_PROXY_HOPS, the per-address allowance
# and the rate limits would all trust what a visitor writes. Standalone also needs `output` set in
# next.config.ts, which would change every build, the tests' included. So the runtime stage keeps the
# custom server, exactly as `npm start` runs it, with the build output and production-only node_modules
# (`npm prune --omit=dev`): bigger than standalone (about 0.8 GB of node_modules, mostly next, @next/swc,
# which loads next.config.ts at start, and the Prisma runtime), but the same code path the tests exercise.
# This layout (the runtime COPY lines below, pruned modules, no .next/cache) was checked outside Docker:
# started against PostgreSQL it served the pages, signing, the count, /api/ready and the outbox. Docker, and
# running as `node`, could not be tried on our machines.

ARG NODE_VERSION=20.20

# ---- deps: every dependency, both Prisma clients generated (postinstall: `npm run db:generate`) --------
FROM node:${NODE_VERSION}-bookworm-slim AS deps
WORKDIR /app
# better-sqlite3 compiles from source when no prebuilt binary can be fetched.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ ca-certificates \
  && rm -rf /var/lib/apt/lists/*
ENV NEXT_TELEMETRY_DISABLED=1
# prisma/ is needed by postinstall (schemas, the models symlinks, prisma.config.ts, the offline engine).
COPY package.json package-lock.json ./
COPY prisma ./prisma
RUN npm ci

# ---- build: `npm run build` (content check + next build). Also the migration image (compose: migrate) --
FROM deps AS build
COPY . .
# The build runs on the embedded default and may write a generated secret into data/: never shipped;
# nor is Next's build cache.
RUN npm run build && rm -rf data .next/cache
# `npm run db:deploy` needs the Prisma CLI, prisma/ and the offline schema engine (devDependencies).
CMD ["npm", "run", "db:deploy"]

# ---- prod-deps: the same node_modules without devDependencies (native modules stay compiled) --------
FROM build AS prod-deps
RUN npm prune --omit=dev --ignore-scripts

# ---- runtime: what `node lib/platform/serve.mjs` needs, run as the unprivileged `node` user -----------
FROM node:${NODE_VERSION}-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    DATA_DIR=/app/data
# Code and modules belong to root (read-only to the app); .next is the app's because Next writes
# regenerated pages (revalidate) under .next/server at run time; data/ is for the embedded .eml outbox.
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/package.json /app/next.config.ts ./
COPY --from=build /app/lib/platform ./lib/platform
# serve.mjs sets each response's Content-Security-Policy with these (README: "Security headers"), and
# next.config.ts, read when the server starts, its fixed headers and the partner links' rewrites.
COPY --from=build /app/lib/security/content-security-policy.mjs /app/lib/security/content-security-policy-response.mjs /app/lib/security/fixed-headers.mjs ./lib/security/
COPY --from=build /app/lib/content/partner-rewrites.mjs ./lib/content/
COPY --from=build /app/content ./content
# Served as files by Next.js: icons, security.txt, the counter's stylesheet and the copy-link script.
COPY --from=build /app/public ./public
# GET /api/ready compares the database with the migrations this build ships (lib/platform/readiness.ts).
COPY --from=build /app/prisma/postgres/migrations ./prisma/postgres/migrations
COPY --from=build /app/prisma/sqlite/migrations ./prisma/sqlite/migrations
COPY --from=build --chown=node:node /app/.next ./.next
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
# Readiness: the database answers and every migration is applied (GET /api/ready, at most 2 s). compose.yaml
# starts nginx only once both web instances are ready. Liveness, for a restart policy, is GET /api/health.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Not `npm start`: that also runs `prisma migrate deploy`, whose CLI is a devDependency. Migrations run
# once, before the app starts, from the build image (compose.yaml's `migrate` service). serve.mjs stops
# gracefully on SIGTERM within 8 s (below Docker's default 10 s stop timeout).
CMD ["node", "lib/platform/serve.mjs", "--hostname", "0.0.0.0"]
