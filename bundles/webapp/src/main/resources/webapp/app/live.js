// Live updates: the WebSocket /v1/ws (embed_update, ack, resync). No polling while the socket is up; while it
// is down the app polls the embeds it is waiting for, and says so.
import { api } from './api.js';

export function startLive({ onUpdate, onResync, onState, pending }) {
  let ws = null, retry = 0, pollTimer = null, stopped = false, reconnectTimer = null;

  function connect() {
    if (stopped) return;
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/v1/ws`;
    try { ws = new WebSocket(url); } catch { scheduleReconnect(); return; }
    ws.onopen = () => { retry = 0; stopPolling(); onState('up'); };
    ws.onmessage = (m) => {
      let ev;
      try { ev = JSON.parse(m.data); } catch { return; }
      if (ev.type === 'embed_update') {
        onUpdate(ev);
        if (['finished', 'error', 'cancelled', 'completed', 'failed'].includes(ev.status)) {
          ws.send(JSON.stringify({ type: 'ack', embed_id: ev.embed_id }));
        }
      } else if (ev.type === 'resync') {
        // updates were dropped for this slow client: look once at what it was waiting for, then carry on live
        checkPending();
        onResync();
      }
    };
    ws.onclose = () => { ws = null; if (!stopped) { onState('down'); startPolling(); scheduleReconnect(); } };
    ws.onerror = () => { /* onclose follows */ };
  }

  function scheduleReconnect() {
    clearTimeout(reconnectTimer);
    const delay = Math.min(30000, 1000 * 2 ** retry++) * (0.75 + Math.random() / 2);
    reconnectTimer = setTimeout(connect, delay);
  }

  async function checkPending() {
      for (const p of pending()) {
        try {
          const e = await api.embed(p.embed_id);
          let task = null;
          if (p.task_id) { try { task = await api.task(p.task_id); } catch { /* keep the embed's status */ } }
          const ev = { type: 'embed_update', embed_id: p.embed_id, task_id: p.task_id, status: e.status,
            progress: task ? task.progress : undefined, estimated_finish_at: task ? task.estimated_finish_at : undefined };
          if (e.status === 'finished') ev.content = await api.content(p.embed_id);
          onUpdate(ev);
        } catch { /* next round */ }
      }
  }

  function startPolling() {
    if (pollTimer) return;
    pollTimer = setInterval(checkPending, 5000);
  }
  function stopPolling() { clearInterval(pollTimer); pollTimer = null; }

  connect();
  return {
    stop() { stopped = true; stopPolling(); clearTimeout(reconnectTimer); if (ws) ws.close(); },
    isUp: () => !!ws && ws.readyState === WebSocket.OPEN,
  };
}
