// External services and tokens: drawn from atrium_service_list and atrium_token_list, changed
// with atrium_service_* and atrium_token_*.
(function () {
  'use strict';
  const { call, el, status } = window.Atrium;

  function date(seconds) {
    return seconds ? new Date(seconds * 1000).toISOString().replace('T', ' ').slice(0, 16) + ' UTC' : '';
  }

  async function guarded(action) {
    try {
      await action();
    } catch (e) {
      status(e.message + (e.errorcode ? ' (' + e.errorcode + ')' : ''), true);
    }
  }

  async function drawServices() {
    const services = await call('atrium_service_list', {});
    const body = document.querySelector('#services tbody');
    body.replaceChildren();
    const select = document.getElementById('token-service');
    const chosen = select.value;
    select.replaceChildren();
    for (const s of services) {
      select.append(el('option', { value: s.shortname, selected: s.shortname === chosen }, s.shortname));
      const toggle = el('button', { type: 'button', 'data-service': s.shortname },
        s.enabled ? 'Disable' : 'Enable');
      toggle.addEventListener('click', () => guarded(async () => {
        await call('atrium_service_update', { shortname: s.shortname, enabled: !s.enabled });
        status('Service ' + s.shortname + (s.enabled ? ' disabled' : ' enabled'));
        await drawServices();
      }));
      const actions = el('td', {}, toggle);
      if (!s.component) {
        const remove = el('button', { type: 'button', class: 'danger' }, 'Delete');
        remove.addEventListener('click', () => guarded(async () => {
          if (!window.confirm('Delete the service ' + s.shortname + ' and its tokens?')) return;
          await call('atrium_service_delete', { shortname: s.shortname });
          status('Service ' + s.shortname + ' deleted');
          await Promise.all([drawServices(), drawTokens()]);
        }));
        actions.append(' ', remove);
      }
      const functions = el('details', {}, el('summary', {}, String(s.functions.length)),
        el('ul', {}, ...s.functions.map(f => el('li', {}, f))));
      body.append(el('tr', { 'data-shortname': s.shortname }, el('td', {}, s.shortname), el('td', {}, s.name),
        el('td', {}, s.component || '(administrator)'), el('td', {}, s.enabled ? 'yes' : 'no'),
        el('td', {}, functions), actions));
    }
  }

  async function drawTokens() {
    const tokens = await call('atrium_token_list', {});
    const ids = [...new Set(tokens.map(t => t.userid))];
    const names = new Map();
    if (ids.length) {
      for (const u of await call('core_user_get_users_by_field', { field: 'id', values: ids })) {
        names.set(u.id, u.username);
      }
    }
    const body = document.querySelector('#tokens tbody');
    body.replaceChildren();
    for (const t of tokens) {
      const revoke = el('button', { type: 'button', class: 'danger' }, 'Revoke');
      revoke.addEventListener('click', () => guarded(async () => {
        await call('atrium_token_revoke', { id: t.id });
        status('Token ' + t.id + ' revoked');
        await drawTokens();
      }));
      body.append(el('tr', { 'data-token': t.id }, el('td', {}, t.id),
        el('td', {}, names.has(t.userid) ? names.get(t.userid) + ' (' + t.userid + ')' : t.userid),
        el('td', {}, t.service), el('td', {}, t.name || ''), el('td', {}, date(t.validuntil)),
        el('td', {}, t.iprestriction || ''), el('td', {}, t.lastaccess ? date(t.lastaccess) : 'never'),
        el('td', {}, revoke)));
    }
  }

  document.getElementById('token-form').addEventListener('submit', event => {
    event.preventDefault();
    const form = event.target;
    guarded(async () => {
      const until = form.validuntil.value ? Math.floor(Date.parse(form.validuntil.value + 'T23:59:59Z') / 1000) : 0;
      const created = await call('atrium_token_create', {
        username: form.username.value.trim(), service: form.service.value, name: form.name.value,
        validuntil: until, iprestriction: form.iprestriction.value.trim()
      });
      document.getElementById('new-token-value').textContent = created.token;
      document.getElementById('new-token').hidden = false;
      status('Token ' + created.id + ' created');
      form.reset();
      await drawTokens();
    });
  });

  document.getElementById('service-form').addEventListener('submit', event => {
    event.preventDefault();
    const form = event.target;
    guarded(async () => {
      const functions = form.functions.value.split(',').map(f => f.trim()).filter(f => f);
      await call('atrium_service_create', {
        shortname: form.shortname.value.trim(), name: form.name.value.trim(), functions: functions,
        requiredcapability: form.requiredcapability.value.trim(),
        uploadfiles: form.uploadfiles.checked, downloadfiles: form.downloadfiles.checked
      });
      status('Service ' + form.shortname.value.trim() + ' added');
      form.reset();
      await drawServices();
    });
  });

  guarded(() => Promise.all([drawServices(), drawTokens()]));
})();
