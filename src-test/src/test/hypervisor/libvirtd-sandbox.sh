#!/usr/bin/env bash
# A private libvirtd + QEMU for the end-to-end tests, without systemd and without touching the
# host's libvirt: the daemon runs in its own mount namespace where /etc/libvirt, /var/lib/libvirt,
# /var/log/libvirt, /var/cache/libvirt and /run/libvirt are directories under WORKDIR.
#
#   libvirtd-sandbox.sh start WORKDIR [PEER]
#                                       start it; prints the URI to reach it. PEER (a host name)
#                                       makes a second host for migration: its own host name and
#                                       host UUID, displays and migration ports of its own
#                                       With SANDBOX_TLS_PORT and SANDBOX_PKI (a directory holding
#                                       cacert.pem, servercert.pem and serverkey.pem) set, it also
#                                       listens on 127.0.0.1 at that port for TLS only (no plain TCP)
#   libvirtd-sandbox.sh stop WORKDIR    destroy its guests and stop it
#   libvirtd-sandbox.sh uri WORKDIR     print the URI
#
# Needs root (mount namespaces, QEMU as root) and Debian's libvirt-daemon,
# libvirt-daemon-driver-qemu, libvirt-clients, qemu-system-x86 and qemu-utils.
set -euo pipefail

readonly ACTION="${1:?usage: $0 start|stop|uri WORKDIR [PEER]}"
readonly PEER="${3:-}"
WORKDIR="$(mkdir -p "${2:?usage: $0 start|stop|uri WORKDIR}" && cd "$2" && pwd)"
readonly WORKDIR
readonly PIDFILE="$WORKDIR/run/libvirtd.pid"
readonly URI="qemu+unix:///system?socket=$WORKDIR/run/libvirt/libvirt-sock"
readonly PRIVATE_DIRS=(etc/libvirt var/lib/libvirt var/log/libvirt var/cache/libvirt run/libvirt)
readonly TLS_PORT="${SANDBOX_TLS_PORT:-}"
readonly PKI="${SANDBOX_PKI:-}"

fail() { echo "libvirtd-sandbox: $*" >&2; exit 1; }

running() { [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; }

start() {
    [ "$(id -u)" -eq 0 ] || fail "needs root"
    command -v libvirtd >/dev/null || fail "libvirtd is not installed (Debian: libvirt-daemon libvirt-daemon-driver-qemu)"
    command -v qemu-system-x86_64 >/dev/null || fail "QEMU is not installed (Debian: qemu-system-x86)"
    if running; then echo "$URI"; return 0; fi

    local dir
    for dir in "${PRIVATE_DIRS[@]}"; do
        mkdir -p "$WORKDIR/$dir" "/$dir"
    done
    # QEMU runs as root: files in temporary test directories stay reachable. libvirtd still wants
    # the Debian user to exist. Guest output goes to files, so no virtlogd is needed.
    cat > "$WORKDIR/etc/libvirt/qemu.conf" <<CONF
user = "root"
group = "root"
stdio_handler = "file"
vnc_listen = "127.0.0.1"
spice_listen = "127.0.0.1"
CONF
    : > "$WORKDIR/etc/libvirt/libvirtd.conf"
    local uts=""
    if [ -n "$PEER" ]; then
        # a second host on this machine: other display and migration ports, another identity. Every
        # other libvirtd here (the sandboxes of this and other test runs) counts displays from 5900 up,
        # blind to the others' guests: at 5950-5999, a peer's 50 ports are the first to run out, and its
        # starts then fail ("Unable to find an unused port"). libvirt takes no display below 5900;
        # 12000-12199 is clear of the ports ./vireo gives servers at HTTP ports 5000-11000 and their tests
        cat >> "$WORKDIR/etc/libvirt/qemu.conf" <<CONF
remote_display_port_min = 12000
remote_display_port_max = 12199
migration_port_min = 49252
migration_port_max = 49299
CONF
        echo "host_uuid = \"$(cat /proc/sys/kernel/random/uuid)\"" >> "$WORKDIR/etc/libvirt/libvirtd.conf"
        uts="--uts"
    fi
    local listen=""
    if [ -n "$TLS_PORT" ]; then
        [ -f "$PKI/servercert.pem" ] || fail "SANDBOX_PKI must hold cacert.pem, servercert.pem and serverkey.pem"
        # libvirtd started by hand (no systemd sockets) listens on TCP only with --listen; these
        # settings then say TLS alone, on the loopback address
        cat >> "$WORKDIR/etc/libvirt/libvirtd.conf" <<CONF
listen_tls = 1
listen_tcp = 0
listen_addr = "127.0.0.1"
tls_port = "$TLS_PORT"
ca_file = "$PKI/cacert.pem"
cert_file = "$PKI/servercert.pem"
key_file = "$PKI/serverkey.pem"
CONF
        listen="--listen"
    fi
    getent group libvirt-qemu >/dev/null || groupadd --system libvirt-qemu
    getent passwd libvirt-qemu >/dev/null \
        || useradd --system --gid libvirt-qemu --home-dir /var/lib/libvirt --shell /usr/sbin/nologin libvirt-qemu

    local mounts=""
    for dir in "${PRIVATE_DIRS[@]}"; do
        mounts+="mount --bind '$WORKDIR/$dir' '/$dir' && "
    done
    local name=""
    [ -n "$PEER" ] && name="hostname '$PEER' && "
    unshare --mount $uts --propagation private \
        bash -c "${mounts} ${name} exec libvirtd --daemon $listen --pid-file '$PIDFILE'" \
        > "$WORKDIR/libvirtd.out" 2>&1 || fail "libvirtd did not start: $(cat "$WORKDIR/libvirtd.out")"

    local tries
    for tries in $(seq 1 100); do
        if [ -S "$WORKDIR/run/libvirt/libvirt-sock" ] && virsh -c "$URI" uri >/dev/null 2>&1; then
            echo "$URI"
            return 0
        fi
        sleep 0.1
    done
    fail "libvirtd did not answer on $URI within 10 s (see $WORKDIR/var/log/libvirt)"
}

stop() {
    running || return 0
    local domain
    for domain in $(virsh -c "$URI" list --name 2>/dev/null); do
        virsh -c "$URI" destroy "$domain" >/dev/null 2>&1 || true
    done
    local pid
    pid="$(cat "$PIDFILE")"
    kill -TERM "$pid"
    for _ in $(seq 1 100); do
        kill -0 "$pid" 2>/dev/null || { rm -f "$PIDFILE"; return 0; }
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
    rm -f "$PIDFILE"
}

case "$ACTION" in
    start) start ;;
    stop) stop ;;
    uri) echo "$URI" ;;
    *) fail "unknown action '$ACTION'" ;;
esac
