// The admin shell's helper for pages: Atrium.call(methodname, args) runs a web-service
// function as the signed-in user through /lib/ajax/service.php, with the session's sesskey.
(function () {
  'use strict';
  const meta = document.querySelector('meta[name="sesskey"]');
  const sesskey = meta ? meta.content : '';

  class CallError extends Error {
    constructor(message, errorcode) {
      super(message);
      this.errorcode = errorcode;
    }
  }

  async function call(methodname, args) {
    const url = '/lib/ajax/service.php?sesskey=' + encodeURIComponent(sesskey) +
      '&info=' + encodeURIComponent(methodname);
    const response = await fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify([{ index: 0, methodname: methodname, args: args || {} }])
    });
    const body = await response.json();
    if (!Array.isArray(body)) {
      throw new CallError(body.error || 'Unexpected answer', body.errorcode || 'unknown');
    }
    const first = body[0];
    if (first.error) {
      const code = first.exception.errorcode;
      if (code === 'servicerequireslogin' || code === 'invalidsesskey') {
        window.location.assign('/admin/login?return=' + encodeURIComponent(window.location.pathname));
      }
      throw new CallError(first.exception.message, code);
    }
    return first.data;
  }

  /** An element with attributes and children (strings become text, never HTML). */
  function el(name, attributes, ...children) {
    const e = document.createElement(name);
    for (const [k, v] of Object.entries(attributes || {})) {
      if (v === false || v === null || v === undefined) continue;
      e.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children) {
      if (c === null || c === undefined) continue;
      e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return e;
  }

  function status(message, isError) {
    const s = document.getElementById('status');
    if (s) {
      s.textContent = message;
      s.className = isError ? 'status error' : 'status';
    }
  }

  window.Atrium = { call, el, status, CallError };
})();
