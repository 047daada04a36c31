# syntax=docker/dockerfile:1
# IntroProgram web image. Build:  docker build -t introprogram .
#   docker run IMAGE              serve on :8080 (needs ConnectionStrings__App, App__PublicBaseUrl)
#   docker run IMAGE migrate      migrate once as the owner role (needs ConnectionStrings__Owner and __App), then exit
# Nodes may instead migrate on start with Database__MigrateOnStart=true: they serialise on an advisory lock.
# Chromium leaves helper processes behind: run with an init (docker run --init, compose `init: true`).

# ---- design system ---------------------------------------------------------------------------------------
# Designsystemet and the Inter font from npm (src/Web/package-lock.json), copied into wwwroot/lib by the same
# script build.sh runs; the app serves them itself.
FROM node:22-bookworm-slim AS assets
WORKDIR /source
COPY scripts/design-assets.sh scripts/
COPY src/Web/package.json src/Web/package-lock.json src/Web/
RUN mkdir -p src/Web/wwwroot && scripts/design-assets.sh

# ---- build -------------------------------------------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /source

# Project files first, so the package restore stays cached until a project or a package version changes.
COPY Directory.Build.props Directory.Packages.props global.json ./
COPY src/Domain/IntroProgram.Domain.csproj src/Domain/
COPY src/Infrastructure/IntroProgram.Infrastructure.csproj src/Infrastructure/
COPY src/Web/IntroProgram.Web.csproj src/Web/
COPY migrations/IntroProgram.Migrations.csproj migrations/
COPY seeds/IntroProgram.Seeds.csproj seeds/
RUN dotnet restore src/Web/IntroProgram.Web.csproj

COPY src/ src/
COPY migrations/ migrations/
COPY seeds/ seeds/
COPY --from=assets /source/src/Web/wwwroot/lib src/Web/wwwroot/lib
# No apphost: the image starts the app with `dotnet`, and the output stays portable.
RUN dotnet publish src/Web/IntroProgram.Web.csproj -c Release --no-restore -o /app -p:UseAppHost=false

# ---- .NET runtime ------------------------------------------------------------------------------------------
# The .NET 10 aspnet images are Ubuntu based (no Debian images are published for .NET 10), and Ubuntu's
# `chromium` is a snap that cannot run in a container. So the runtime is copied from the aspnet image onto
# Debian, whose chromium and fonts are the ones build.sh installs and the PDFs are checked against.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS dotnet-runtime

# ---- runtime -----------------------------------------------------------------------------------------------
FROM debian:trixie-slim AS runtime

# .NET's own needs (as in Microsoft's runtime-deps images), headless Chromium for certificate PDFs, and fonts
# covering Norwegian, Arabic, Cyrillic and Ethiopic scripts.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        ca-certificates libc6 libgcc-s1 libicu76 libssl3t64 libstdc++6 tzdata \
        chromium fonts-noto-core fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

COPY --from=dotnet-runtime /usr/share/dotnet /usr/share/dotnet
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet

# A fixed non-root uid, so volume ownership and runAsNonRoot policies are predictable. Chromium wants a home.
# The outbox folder (messages are files until a mail gateway exists) must be writable by that user.
RUN groupadd --gid 10001 introprogram \
    && useradd --uid 10001 --gid 10001 --create-home --shell /usr/sbin/nologin introprogram \
    && install -d -o 10001 -g 10001 /var/lib/introprogram/outbox

WORKDIR /app
COPY --from=build /app ./

ENV ASPNETCORE_URLS=http://+:8080 \
    DOTNET_RUNNING_IN_CONTAINER=true \
    Pdf__ChromiumPath=/usr/bin/chromium \
    Outbox__Path=/var/lib/introprogram/outbox

USER 10001
EXPOSE 8080

# No HEALTHCHECK: the image has no curl or wget and gains nothing from one just for this. Probe over HTTP from
# outside instead: GET /health/live (process up) and /health/ready (database answers as the app role).

ENTRYPOINT ["dotnet", "IntroProgram.Web.dll"]
