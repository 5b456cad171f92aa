// jim browser chat: the HTTP API for accounts, friends and groups; the WebSocket transport (JSON frames,
// docs/WEBSOCKET.md) for messages. Plain JavaScript, no build step.
//
// Delivery model (PROTOCOL.md 4): every message copy in the user's inbox has a sync_sequence. The page keeps
// the copies it has (by sequence) and the highest contiguous sequence in localStorage, so a reload or a
// reconnect syncs from there and a copy is never shown twice. Own sends get a send_sequence from a counter
// kept in localStorage; until the server acks them they stay in an outbox and are retransmitted after a
// reconnect (the server answers a retransmission with the original ack, so nothing is stored twice).
'use strict';

(() => {
  const FRAME = { SIGN_IN: 1, SIGN_IN_ACK: 2, SYNC: 3, HEARTBEAT: 4, HEARTBEAT_ACK: 5, SEND: 6, SEND_ACK: 7, MESSAGE: 8, MESSAGE_ACK: 9, KICK: 10 };
  const RECEIVER = { USER: 1, GROUP: 2 };
  const TYPE = { TEXT: 1, COMMAND: 7 };
  const HEARTBEAT_MS = 30000;
  const SILENCE_MS = 75000; // no frame for this long: the connection is dead even if the socket does not know yet
  const MAX_CACHED = 5000;

  const $ = (id) => document.getElementById(id);
  const num = (v) => (v === undefined || v === null || v === '' ? 0 : Number(v)); // int64 arrive as strings

  // ---- persistent state ---------------------------------------------------------------------------------

  const storage = {
    get(key, fallback) {
      try {
        const raw = localStorage.getItem(key);
        return raw === null ? fallback : JSON.parse(raw);
      } catch (e) {
        return fallback;
      }
    },
    set(key, value) {
      try {
        localStorage.setItem(key, JSON.stringify(value));
      } catch (e) {
        console.warn('jim: cannot save', key, e);
      }
    },
    remove(key) {
      localStorage.removeItem(key);
    },
  };

  const state = {
    session: storage.get('jim.session', null), // {account, user_id, device_id, token, nickname}
    copies: new Map(), // sync_sequence -> MessageItem (JSON, numbers normalised)
    lastSequence: 0, // highest contiguous sync_sequence held
    nextSend: 1,
    outbox: [], // unacked own sends: {send_sequence, receiver_type, receiver_id, type, content, created}
    failed: [], // own sends refused by the server: {..., error}
    friends: new Map(), // user_id -> friend
    groups: new Map(), // group_id -> group
    names: new Map(), // user_id -> display name
    open: null, // {kind: 'u'|'g', id}
    unread: new Map(), // conversation key -> count
    readUpTo: {}, // conversation key -> sequence seen
  };

  const deviceKey = (suffix) => `jim.d${state.session.device_id}.${suffix}`;

  function loadDeviceState() {
    state.copies = new Map();
    for (const item of storage.get(deviceKey('copies'), [])) {
      state.copies.set(item.sync_sequence, item);
    }
    state.lastSequence = storage.get(deviceKey('last_sequence'), 0);
    state.nextSend = Math.max(storage.get(deviceKey('next_send'), 1), state.nextSend);
    state.outbox = storage.get(deviceKey('outbox'), []);
    state.readUpTo = storage.get(deviceKey('read'), {});
  }

  let saveTimer = null;
  function saveSoon() {
    if (saveTimer === null) {
      saveTimer = setTimeout(saveNow, 200);
    }
  }
  function saveNow() {
    clearTimeout(saveTimer);
    saveTimer = null;
    if (!state.session) {
      return;
    }
    let copies = [...state.copies.values()].sort((a, b) => a.sync_sequence - b.sync_sequence);
    if (copies.length > MAX_CACHED) {
      copies = copies.slice(copies.length - MAX_CACHED);
    }
    storage.set(deviceKey('copies'), copies);
    storage.set(deviceKey('last_sequence'), state.lastSequence);
    storage.set(deviceKey('next_send'), state.nextSend);
    storage.set(deviceKey('outbox'), state.outbox);
    storage.set(deviceKey('read'), state.readUpTo);
  }
  window.addEventListener('pagehide', saveNow);

  // ---- HTTP API -----------------------------------------------------------------------------------------

  class ApiError extends Error {
    constructor(status, body) {
      super((body && body.message) || `HTTP ${status}`);
      this.status = status;
      this.body = body;
    }
  }

  async function api(method, path, body) {
    const headers = { Accept: 'application/json' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    if (state.session) {
      headers.Authorization = `Bearer ${state.session.token}`;
    }
    const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    const json = text ? JSON.parse(text) : null;
    if (!response.ok) {
      if (response.status === 401 && state.session && !path.startsWith('/api/sessions')) {
        signedOut('Your session ended; please log in again.');
      }
      throw new ApiError(response.status, json);
    }
    return json;
  }

  // ---- names and conversations --------------------------------------------------------------------------

  const me = () => (state.session ? state.session.user_id : 0);

  function nameOf(userId) {
    if (userId === me()) {
      return state.session.nickname || 'me';
    }
    if (userId === 0) {
      return 'jim';
    }
    return state.names.get(userId) || `user ${userId}`;
  }

  async function learnName(userId) {
    if (!userId || state.names.has(userId)) {
      return;
    }
    state.names.set(userId, `user ${userId}`);
    try {
      const profile = await api('GET', `/api/users/${userId}`);
      state.names.set(userId, profile.nickname || profile.account);
      renderAll();
    } catch (e) {
      // stays "user N"
    }
  }

  // The conversation a copy belongs to: the group, or the other user of a 1:1 message.
  function conversationOf(item) {
    if (item.receiver_type === RECEIVER.GROUP) {
      return { kind: 'g', id: item.receiver_id };
    }
    const peer = item.sender_id === me() ? item.receiver_id : item.sender_id;
    return { kind: 'u', id: peer };
  }
  const keyOf = (c) => `${c.kind}:${c.id}`;

  function titleOf(c) {
    if (c.kind === 'g') {
      const g = state.groups.get(c.id);
      return g ? g.name : `group ${c.id}`;
    }
    return nameOf(c.id);
  }

  // ---- the inbox ----------------------------------------------------------------------------------------

  function normalise(item) {
    return {
      message_id: num(item.message_id),
      sender_type: num(item.sender_type),
      sender_id: num(item.sender_id),
      sender_device_id: num(item.sender_device_id),
      receiver_type: num(item.receiver_type),
      receiver_id: num(item.receiver_id),
      type: num(item.type),
      content: item.content || '',
      sync_sequence: num(item.sync_sequence),
      send_time: num(item.send_time),
    };
  }

  // Takes one copy (from a push, a sync batch or an own ack); returns true when it was new.
  function accept(item) {
    if (item.sync_sequence <= 0 || state.copies.has(item.sync_sequence)) {
      return false;
    }
    state.copies.set(item.sync_sequence, item);
    while (state.copies.has(state.lastSequence + 1)) {
      state.lastSequence += 1;
    }
    if (item.type === TYPE.COMMAND) {
      onCommand(item);
    } else {
      const c = conversationOf(item);
      if (item.receiver_type === RECEIVER.USER) {
        learnName(c.id);
      } else {
        learnName(item.sender_id);
      }
      const key = keyOf(c);
      if (item.sender_id !== me() && !(state.open && keyOf(state.open) === key && document.visibilityState === 'visible')
          && item.sync_sequence > (state.readUpTo[key] || 0)) {
        state.unread.set(key, (state.unread.get(key) || 0) + 1);
      }
    }
    saveSoon();
    return true;
  }

  const hasGap = () => [...state.copies.keys()].some((s) => s > state.lastSequence);

  // Friend and group changes arrive as type-7 messages (PROTOCOL.md 6): refresh what they change.
  function onCommand(item) {
    let code = 0;
    try {
      code = JSON.parse(item.content).code;
    } catch (e) {
      return;
    }
    if (code >= 100 && code < 110) {
      refreshFriendsSoon();
    } else if (code >= 110 && code < 130) {
      refreshGroupsSoon();
    }
  }

  function describeCommand(item) {
    let event;
    try {
      event = JSON.parse(item.content);
    } catch (e) {
      return null;
    }
    const d = event.data || {};
    const by = nameOf(num(d.by));
    switch (event.code) {
      case 110: return `${by} updated the group`;
      case 111: return `${by} dissolved the group`;
      case 120: {
        const ids = (d.user_ids || []).map(num);
        const others = ids.filter((u) => u !== num(d.by)).map(nameOf).join(', ');
        return ids.includes(num(d.by)) ? `${by} created the group${others ? ` with ${others}` : ''}` : `${by} added ${others}`;
      }
      case 121: return num(d.user_id) === num(d.by) ? `${by} left` : `${by} removed ${nameOf(num(d.user_id))}`;
      case 122: return `${by} made ${nameOf(num(d.user_id))} ${String(d.role || '').toLowerCase()}`;
      default: return null;
    }
  }

  // ---- the WebSocket connection -------------------------------------------------------------------------

  const conn = {
    socket: null,
    signedIn: false,
    syncing: false,
    retryMs: 1000,
    retryTimer: null,
    heartbeatTimer: null,
    lastHeard: 0,
    stopped: true,
  };

  function setStatus(kind, text) {
    const el = $('status');
    el.className = `status ${kind}`;
    el.textContent = text;
  }

  function connect() {
    clearTimeout(conn.retryTimer);
    if (!state.session || (conn.socket && conn.socket.readyState <= WebSocket.OPEN)) {
      return;
    }
    conn.stopped = false;
    setStatus('connecting', 'connecting…');
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
    const socket = new WebSocket(url);
    conn.socket = socket;
    socket.onopen = () => {
      conn.lastHeard = Date.now();
      send({ type: FRAME.SIGN_IN, body: { user_id: state.session.user_id, device_id: state.session.device_id, token: state.session.token } });
    };
    socket.onmessage = (event) => {
      if (socket !== conn.socket || typeof event.data !== 'string') {
        return;
      }
      conn.lastHeard = Date.now();
      let frame;
      try {
        frame = JSON.parse(event.data);
      } catch (e) {
        console.warn('jim: not a JSON frame', event.data);
        return;
      }
      onFrame(frame.type, frame.body || {});
    };
    socket.onclose = () => {
      if (socket !== conn.socket) {
        return;
      }
      conn.socket = null;
      conn.signedIn = false;
      conn.syncing = false;
      clearInterval(conn.heartbeatTimer);
      if (!conn.stopped) {
        scheduleReconnect();
      }
    };
  }

  function scheduleReconnect() {
    const delay = Math.round(conn.retryMs * (0.75 + Math.random() * 0.5));
    setStatus('offline', `offline, retrying in ${Math.ceil(delay / 1000)} s`);
    conn.retryTimer = setTimeout(connect, delay);
    conn.retryMs = Math.min(conn.retryMs * 2, 30000);
  }

  function disconnect() {
    conn.stopped = true;
    clearTimeout(conn.retryTimer);
    clearInterval(conn.heartbeatTimer);
    if (conn.socket) {
      const s = conn.socket;
      conn.socket = null;
      s.close();
    }
    setStatus('offline', 'offline');
  }

  function send(frame) {
    if (conn.socket && conn.socket.readyState === WebSocket.OPEN) {
      conn.socket.send(JSON.stringify(frame));
      return true;
    }
    return false;
  }

  function onFrame(type, body) {
    switch (type) {
      case FRAME.SIGN_IN_ACK: return onSignInAck(body);
      case FRAME.HEARTBEAT_ACK: return undefined;
      case FRAME.SEND_ACK: return onSendAck(body);
      case FRAME.MESSAGE: return onMessages(body);
      case FRAME.KICK: return onKick(body);
      default: return undefined; // unknown codes are ignored (forward compatibility)
    }
  }

  function onSignInAck(body) {
    const code = num(body.code);
    if (code === 4) {
      signedOut('Your session ended; please log in again.');
      return;
    }
    if (code !== 0) {
      setStatus('offline', body.message || `sign-in refused (${code})`);
      return; // the server closes; we retry with back-off
    }
    if (num(body.max_sequence) < state.lastSequence) {
      // The server's inbox is behind what we hold (its data was reset): our cache describes another inbox.
      state.copies = new Map();
      state.lastSequence = 0;
      state.readUpTo = {};
      saveNow();
      renderAll();
    }
    conn.signedIn = true;
    conn.retryMs = 1000;
    setStatus('online', 'online');
    clearInterval(conn.heartbeatTimer);
    conn.heartbeatTimer = setInterval(() => {
      if (Date.now() - conn.lastHeard > SILENCE_MS && conn.socket) {
        conn.socket.close(); // half-open: reconnect
        return;
      }
      send({ type: FRAME.HEARTBEAT });
    }, HEARTBEAT_MS);
    sync();
    for (const entry of state.outbox) {
      transmit(entry); // a retransmission is answered with the original ack
    }
  }

  function sync() {
    conn.syncing = true;
    send({ type: FRAME.SYNC, body: { sync_sequence: state.lastSequence, limit: 200 } });
  }

  function ackReceived() {
    const newest = state.copies.get(state.lastSequence);
    if (newest) {
      send({ type: FRAME.MESSAGE_ACK, body: { message_id: newest.message_id, sync_sequence: state.lastSequence, receive_time: Date.now() } });
    }
  }

  function onMessages(body) {
    const items = (body.messages || []).map(normalise);
    let fresh = false;
    for (const item of items) {
      fresh = accept(item) || fresh;
    }
    if (num(body.type) === 1) { // a sync batch
      if (body.has_more && items.length > 0) {
        sync();
      } else {
        conn.syncing = false;
        if (hasGap() && items.length > 0) {
          sync();
        }
      }
    } else if (!conn.syncing && hasGap()) {
      sync(); // a push after a gap: fetch what is missing
    }
    ackReceived();
    if (fresh) {
      renderAll();
    }
  }

  function onSendAck(body) {
    const sendSequence = num(body.send_sequence);
    const index = state.outbox.findIndex((e) => e.send_sequence === sendSequence);
    if (index < 0) {
      return;
    }
    const entry = state.outbox[index];
    const code = num(body.code);
    if (code === 9 || code === 11) { // rate limited or storage unavailable: the same send_sequence later is safe
      setTimeout(() => transmit(entry), 3000);
      return;
    }
    state.outbox.splice(index, 1);
    if (code === 0) {
      // Our own copy: the server does not push it to the sending device, the ack tells where it is.
      accept({
        message_id: num(body.message_id), sender_type: 1, sender_id: me(), sender_device_id: state.session.device_id,
        receiver_type: entry.receiver_type, receiver_id: entry.receiver_id, type: entry.type, content: entry.content,
        sync_sequence: num(body.sync_sequence), send_time: num(body.send_time),
      });
      if (!conn.syncing && hasGap()) {
        sync();
      }
      ackReceived();
    } else {
      state.failed.push({ ...entry, error: body.message || `error ${code}` });
    }
    saveSoon();
    renderAll();
  }

  function onKick(body) {
    const code = num(body.code);
    if (code === 21) {
      signedOut('You were signed out.');
    } else if (code === 20) {
      conn.stopped = true; // another tab or window took over this device: do not fight over it
      setStatus('offline', 'open in another window');
    }
    // 22 (protocol error) and 23 (server shutdown): the close follows and we reconnect with back-off
  }

  function transmit(entry) {
    send({
      type: FRAME.SEND,
      body: { receiver_type: entry.receiver_type, receiver_id: entry.receiver_id, type: entry.type, content: entry.content, send_sequence: entry.send_sequence },
    });
  }

  function compose(text) {
    if (!state.open || !text.trim()) {
      return;
    }
    const entry = {
      send_sequence: state.nextSend,
      receiver_type: state.open.kind === 'g' ? RECEIVER.GROUP : RECEIVER.USER,
      receiver_id: state.open.id,
      type: TYPE.TEXT,
      content: text,
      created: Date.now(),
    };
    state.nextSend += 1; // saved before it is sent: a number is never used for two different messages
    state.outbox.push(entry);
    saveNow();
    transmit(entry); // if offline, it goes out after the next sign-in
    renderAll();
  }

  // ---- accounts, friends, groups ------------------------------------------------------------------------

  function deviceInfo() {
    return { type: 5, brand: 'browser', model: navigator.userAgent.slice(0, 64), app_version: 'jim-web 1' };
  }

  async function login(account, password) {
    const knownDevice = storage.get(`jim.device.${account.toLowerCase()}`, null);
    const device = deviceInfo();
    if (knownDevice) {
      device.device_id = knownDevice;
    }
    let result;
    try {
      result = await api('POST', '/api/sessions', { account, password, device });
    } catch (e) {
      if (e.status === 404 && knownDevice) { // the device is gone: start a new one
        storage.remove(`jim.device.${account.toLowerCase()}`);
        return login(account, password);
      }
      throw e;
    }
    state.session = { account: account.toLowerCase(), user_id: num(result.user_id), device_id: num(result.device_id), token: result.token };
    storage.set(`jim.device.${state.session.account}`, state.session.device_id);
    state.nextSend = num(result.send_sequence) + 1;
    loadDeviceState();
    state.nextSend = Math.max(state.nextSend, num(result.send_sequence) + 1);
    const profile = await api('GET', '/api/users/me');
    state.session.nickname = profile.nickname;
    storage.set('jim.session', state.session);
    saveNow();
    enterChat();
  }

  async function register(account, nickname, password) {
    await api('POST', '/api/users', { account, password, nickname });
    await login(account, password);
  }

  function signedOut(message) {
    disconnect();
    if (state.session) {
      // Privacy on a shared browser: forget the messages, keep only which device this account uses.
      for (const suffix of ['copies', 'last_sequence', 'outbox', 'read']) {
        storage.remove(deviceKey(suffix));
      }
    }
    state.session = null;
    storage.remove('jim.session');
    state.copies = new Map();
    state.lastSequence = 0;
    state.outbox = [];
    state.failed = [];
    state.open = null;
    state.unread = new Map();
    showAuth(message || '');
  }

  async function logout() {
    try {
      await api('DELETE', '/api/sessions/current');
    } catch (e) {
      // signed out locally anyway
    }
    signedOut('');
  }

  async function refreshFriends() {
    const [friends, incoming, outgoing] = await Promise.all([
      api('GET', '/api/friends'),
      api('GET', '/api/friends/requests?direction=incoming'),
      api('GET', '/api/friends/requests?direction=outgoing'),
    ]);
    state.friends = new Map();
    for (const f of friends) {
      const id = num(f.user_id);
      state.friends.set(id, f);
      state.names.set(id, f.remark || f.nickname || f.account);
    }
    await Promise.all([...incoming.map((r) => learnName(num(r.from_user_id))), ...outgoing.map((r) => learnName(num(r.to_user_id)))]);
    renderFriends(incoming, outgoing);
    renderAll();
  }

  async function refreshGroups() {
    const groups = await api('GET', '/api/groups');
    state.groups = new Map(groups.map((g) => [num(g.group_id), g]));
    renderAll();
  }

  let friendsTimer = null;
  let groupsTimer = null;
  function refreshFriendsSoon() {
    clearTimeout(friendsTimer);
    friendsTimer = setTimeout(() => refreshFriends().catch(() => {}), 150);
  }
  function refreshGroupsSoon() {
    clearTimeout(groupsTimer);
    groupsTimer = setTimeout(() => refreshGroups().catch(() => {}), 150);
  }

  async function addFriend(account) {
    const note = $('friend-note');
    note.textContent = '';
    const found = await api('GET', `/api/users?account=${encodeURIComponent(account)}`);
    if (!found.length) {
      note.textContent = `No user "${account}".`;
      return;
    }
    const target = found[0];
    try {
      await api('POST', '/api/friends/requests', { user_id: num(target.user_id) });
      note.textContent = `Request sent to ${target.nickname}.`;
    } catch (e) {
      note.textContent = e.message;
    }
    refreshFriendsSoon();
  }

  async function loadMembers(groupId) {
    try {
      const members = await api('GET', `/api/groups/${groupId}/members`);
      for (const m of members) {
        const id = num(m.user_id);
        if (!state.friends.has(id) && id !== me()) {
          state.names.set(id, m.nickname);
        }
      }
      renderAll();
    } catch (e) {
      // names stay as they are
    }
  }

  // ---- rendering ----------------------------------------------------------------------------------------

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'class') {
        node.className = v;
      } else if (k.startsWith('data-')) {
        node.setAttribute(k, v);
      } else if (k === 'onclick') {
        node.addEventListener('click', v);
      } else {
        node[k] = v;
      }
    }
    for (const c of children) {
      if (c !== null && c !== undefined) {
        node.append(c);
      }
    }
    return node;
  }

  const avatar = (name) => el('span', { class: 'avatar' }, (name || '?').trim().charAt(0).toUpperCase());

  function renderFriends(incoming, outgoing) {
    const requests = $('requests');
    requests.replaceChildren();
    for (const r of incoming) {
      const id = num(r.request_id);
      const from = num(r.from_user_id);
      requests.append(el('li', { class: 'request', 'data-request-id': id, 'data-user-id': from },
        avatar(nameOf(from)), el('span', { class: 'name', title: r.message || '' }, nameOf(from)),
        el('button', { class: 'accept primary', type: 'button', onclick: () => accept_(id) }, 'Accept'),
        el('button', { class: 'reject', type: 'button', onclick: () => reject_(id) }, 'Ignore')));
    }
    for (const r of outgoing) {
      const to = num(r.to_user_id);
      requests.append(el('li', { class: 'request outgoing', 'data-user-id': to }, avatar(nameOf(to)),
        el('span', { class: 'name' }, nameOf(to)), el('span', { class: 'note' }, 'pending')));
    }
    $('requests-section').hidden = incoming.length + outgoing.length === 0;
  }

  async function accept_(requestId) {
    await api('POST', `/api/friends/requests/${requestId}/accept`, {});
    refreshFriendsSoon();
  }
  async function reject_(requestId) {
    await api('POST', `/api/friends/requests/${requestId}/reject`);
    refreshFriendsSoon();
  }

  function conversationItem(c, name, extraClass) {
    const key = keyOf(c);
    const unread = state.unread.get(key) || 0;
    const active = state.open && keyOf(state.open) === key;
    const attrs = { class: `item ${extraClass}${active ? ' active' : ''}`, onclick: () => openConversation(c) };
    attrs[c.kind === 'g' ? 'data-group-id' : 'data-user-id'] = c.id;
    return el('li', attrs, avatar(name), el('span', { class: 'name' }, name),
      unread > 0 ? el('span', { class: 'badge' }, String(unread)) : null);
  }

  function renderLists() {
    const friends = $('friends');
    friends.replaceChildren();
    const sortedFriends = [...state.friends.keys()].sort((a, b) => nameOf(a).localeCompare(nameOf(b)));
    for (const id of sortedFriends) {
      friends.append(conversationItem({ kind: 'u', id }, nameOf(id), 'friend'));
    }
    if (!sortedFriends.length) {
      friends.append(el('li', { class: 'empty' }, 'No friends yet'));
    }
    const groups = $('groups');
    groups.replaceChildren();
    for (const [id, g] of state.groups) {
      groups.append(conversationItem({ kind: 'g', id }, g.name, 'group'));
    }
    if (!state.groups.size) {
      groups.append(el('li', { class: 'empty' }, 'No groups yet'));
    }
    const members = $('group-members');
    const checked = new Set([...members.querySelectorAll('input:checked')].map((i) => Number(i.value)));
    members.replaceChildren(el('legend', {}, 'Members'));
    for (const id of sortedFriends) {
      const box = el('input', { type: 'checkbox', value: String(id), checked: checked.has(id) });
      box.setAttribute('data-user-id', String(id));
      members.append(el('label', {}, box, nameOf(id)));
    }
  }

  function formatTime(ms) {
    if (!ms) {
      return '';
    }
    const d = new Date(ms);
    const sameDay = d.toDateString() === new Date().toDateString();
    return sameDay ? d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
      : d.toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
  }

  function contentOf(item) {
    if (item.type === TYPE.TEXT) {
      return item.content;
    }
    const kinds = { 2: 'sticker', 3: 'voice message', 4: 'image', 5: 'file', 6: 'location' };
    return `[${kinds[item.type] || 'message'}]`;
  }

  function renderMessages() {
    const list = $('messages');
    if (!state.open) {
      return;
    }
    const key = keyOf(state.open);
    const nearBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 60;
    list.replaceChildren();
    const items = [...state.copies.values()].filter((i) => keyOf(conversationOf(i)) === key)
      .sort((a, b) => a.sync_sequence - b.sync_sequence);
    const group = state.open.kind === 'g';
    for (const item of items) {
      if (item.type === TYPE.COMMAND) {
        const text = group ? describeCommand(item) : null;
        if (text) {
          list.append(el('li', { class: 'message system', 'data-message-id': item.message_id }, el('span', { class: 'bubble' }, text)));
        }
        continue;
      }
      const mine = item.sender_id === me();
      const meta = `${group && !mine ? `${nameOf(item.sender_id)} · ` : ''}${formatTime(item.send_time)}`;
      list.append(el('li', { class: `message ${mine ? 'mine' : 'theirs'}`, 'data-message-id': item.message_id, 'data-sequence': item.sync_sequence },
        el('span', { class: 'bubble' }, contentOf(item)),
        el('span', { class: 'meta' }, meta, mine ? el('span', { class: 'state sent' }, ' · ✓ sent') : null)));
    }
    const pending = state.outbox.filter((e) => keyOf({ kind: e.receiver_type === RECEIVER.GROUP ? 'g' : 'u', id: e.receiver_id }) === key);
    for (const e of pending) {
      list.append(el('li', { class: 'message mine pending', 'data-send-sequence': e.send_sequence },
        el('span', { class: 'bubble' }, e.content), el('span', { class: 'meta' }, el('span', { class: 'state sending' }, 'sending…'))));
    }
    const failed = state.failed.filter((e) => keyOf({ kind: e.receiver_type === RECEIVER.GROUP ? 'g' : 'u', id: e.receiver_id }) === key);
    for (const e of failed) {
      list.append(el('li', { class: 'message mine failed' },
        el('span', { class: 'bubble' }, e.content), el('span', { class: 'meta' }, el('span', { class: 'state failed' }, `not sent: ${e.error}`))));
    }
    if (items.length) {
      state.readUpTo[key] = items[items.length - 1].sync_sequence;
    }
    state.unread.delete(key);
    if (nearBottom || pending.length) {
      list.scrollTop = list.scrollHeight;
    }
  }

  function renderAll() {
    if (!state.session) {
      return;
    }
    if (state.open) {
      $('conversation-title').textContent = titleOf(state.open);
      renderMessages();
    }
    renderLists();
  }

  function openConversation(c) {
    state.open = c;
    $('conversation-empty').hidden = true;
    $('conversation').hidden = false;
    $('messages').replaceChildren();
    if (c.kind === 'g') {
      loadMembers(c.id);
    }
    renderAll();
    $('messages').scrollTop = $('messages').scrollHeight;
    $('composer-input').focus();
  }

  // ---- views --------------------------------------------------------------------------------------------

  function showAuth(message) {
    $('chat-view').hidden = true;
    $('auth-view').hidden = false;
    $('logout').hidden = true;
    $('me').textContent = '';
    $('auth-error').textContent = message || '';
    $('conversation').hidden = true;
    $('conversation-empty').hidden = false;
  }

  function enterChat() {
    $('auth-view').hidden = true;
    $('chat-view').hidden = false;
    $('logout').hidden = false;
    $('me').textContent = `${state.session.nickname || state.session.account} (@${state.session.account})`;
    state.names.set(me(), state.session.nickname || state.session.account);
    refreshFriends().catch(() => {});
    refreshGroups().catch(() => {});
    renderAll();
    connect();
  }

  function switchTab(register) {
    $('tab-login').classList.toggle('active', !register);
    $('tab-register').classList.toggle('active', register);
    $('login-form').hidden = register;
    $('register-form').hidden = !register;
    $('auth-error').textContent = '';
  }

  function wire() {
    $('tab-login').addEventListener('click', () => switchTab(false));
    $('tab-register').addEventListener('click', () => switchTab(true));
    $('login-form').addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        await login($('login-account').value.trim(), $('login-password').value);
      } catch (e) {
        $('auth-error').textContent = e.message;
      }
    });
    $('register-form').addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        await register($('register-account').value.trim(), $('register-nickname').value.trim(), $('register-password').value);
      } catch (e) {
        $('auth-error').textContent = e.message;
      }
    });
    $('logout').addEventListener('click', logout);
    $('friend-form').addEventListener('submit', async (event) => {
      event.preventDefault();
      const input = $('friend-account');
      try {
        await addFriend(input.value.trim());
        input.value = '';
      } catch (e) {
        $('friend-note').textContent = e.message;
      }
    });
    $('group-form').addEventListener('submit', async (event) => {
      event.preventDefault();
      const ids = [...$('group-members').querySelectorAll('input:checked')].map((i) => Number(i.value));
      try {
        const group = await api('POST', '/api/groups', { name: $('group-name').value.trim(), member_ids: ids });
        $('group-name').value = '';
        $('group-create-box').open = false;
        await refreshGroups();
        openConversation({ kind: 'g', id: num(group.group_id) });
      } catch (e) {
        $('friend-note').textContent = e.message;
      }
    });
    $('composer').addEventListener('submit', (event) => {
      event.preventDefault();
      const input = $('composer-input');
      compose(input.value);
      input.value = '';
    });
    $('composer-input').addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        $('composer').requestSubmit();
      }
    });
    window.addEventListener('online', () => {
      if (state.session && !conn.socket && !conn.stopped) {
        conn.retryMs = 1000;
        connect();
      }
    });
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') {
        renderAll();
      }
    });
  }

  // For tests and the curious: cut the connection as a network drop would (the page reconnects and syncs).
  window.jim = {
    dropConnection() {
      if (conn.socket) {
        conn.socket.close();
      }
    },
    state: () => ({ lastSequence: state.lastSequence, nextSend: state.nextSend, outbox: state.outbox.length, online: conn.signedIn }),
  };

  wire();
  if (state.session) {
    loadDeviceState();
    enterChat();
  } else {
    showAuth('');
  }
})();
