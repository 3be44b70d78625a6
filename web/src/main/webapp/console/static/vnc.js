// The web console: noVNC (bundled by the build from npm) talking to Vireo's WebSocket proxy.
// The VM's connect action just issued both secrets: the ticket, which the proxy accepts once, from
// the account it was issued to, and the VNC password, which the VM's VNC server asks for.
import RFB from './novnc/core/rfb.js';

let rfb = null;

function open(vm, ticket, password, screenId, statusId) {
    const screen = document.getElementById(screenId);
    const status = document.getElementById(statusId);
    if (rfb) {
        rfb.disconnect();
    }
    const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
    const url = scheme + '//' + window.location.host + '/console/vnc/' + encodeURIComponent(vm)
        + '?ticket=' + encodeURIComponent(ticket);
    screen.style.display = 'block';
    status.textContent = 'Connecting to ' + vm + '…';
    // each session's events speak only for it: a session replaced by a newer one must not
    // overwrite the newer one's status or forget it
    const session = new RFB(screen, url, { credentials: { password }, wsProtocols: ['binary'] });
    rfb = session;
    session.scaleViewport = true;
    session.addEventListener('connect', () => {
        if (rfb === session) {
            status.textContent = 'Connected to ' + vm;
        }
    });
    session.addEventListener('disconnect', e => {
        if (rfb === session) {
            status.textContent = e.detail.clean ? 'Disconnected' : 'The console connection was refused or lost';
            rfb = null;
        }
    });
    session.addEventListener('credentialsrequired', () => session.sendCredentials({ password }));
}

function close() {
    if (rfb) {
        rfb.disconnect();
    }
}

window.vireoConsole = { open, close };
