# vern with Chromium, for the Kubernetes CronJobs in deploy/kubernetes/ (or any scheduler):
#   docker build -t vern .
# vern is built in a builder stage; the runtime is Debian with Chromium and runs as an
# unprivileged user, so Chromium keeps its sandbox and the root filesystem can be read-only
# (HOME and Chromium's profiles go to /tmp, an emptyDir in the manifests).

FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X github.com/alarmlink/vern/internal/version.Version=${VERSION}" -o /out/vern ./cmd/vern

FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends chromium ca-certificates fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --gid 10001 vern \
 && useradd --uid 10001 --gid 10001 --home-dir /tmp --no-create-home --shell /usr/sbin/nologin vern
COPY --from=build /out/vern /usr/local/bin/vern
ENV HOME=/tmp
USER 10001:10001
WORKDIR /tmp
ENTRYPOINT ["vern"]
