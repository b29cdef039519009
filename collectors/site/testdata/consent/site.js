// The fixture site's own tags and consent store. The tags write an analytics and a
// marketing cookie, and only once the visitor has accepted; "reject" stores the choice
// and nothing else. store is "cookie" or "local" (where the platform keeps the choice).
window.fixtureConsent = function (name, store, hide) {
  var read = function () {
    if (store === 'local') { try { return localStorage.getItem(name) || ''; } catch (e) { return ''; } }
    var m = document.cookie.match(new RegExp('(?:^|; )' + name + '=([^;]*)'));
    return m ? m[1] : '';
  };
  var save = function (v) {
    if (store === 'local') { localStorage.setItem(name, v); return; }
    document.cookie = name + '=' + v + '; max-age=' + (180 * 86400) + '; path=/; samesite=lax';
  };
  var tags = function () {
    document.cookie = '_ga=GA1.1.SENTINEL-VALUE-ga; max-age=' + (300 * 86400) + '; path=/';
    document.cookie = '_fbp=fb.1.SENTINEL-VALUE-fbp; max-age=' + (90 * 86400) + '; path=/';
  };
  var state = read();
  if (state === 'all') tags();
  if (state) hide();
  return {
    shown: !state,
    accept: function () { save('all'); hide(); tags(); },
    reject: function () { save('necessary'); hide(); },
  };
};
