// Alarmlink's demo banner, with the gaps vern should find: Google Analytics and the Meta
// pixel start before the visitor has chosen anything.
(function () {
  var m = document.cookie.match(/(?:^|; )CookieConsent=([^;]*)/);
  var choice = m ? m[1] : '';
  var day = 86400;
  if (choice !== 'rejected') {
    document.cookie = '_ga=GA1.1.' + Math.floor(Math.random() * 1e9) + '; max-age=' + (730 * day) + '; path=/';
    document.cookie = '_fbp=fb.1.' + Date.now() + '; max-age=' + (90 * day) + '; path=/';
    var pixel = document.documentElement.getAttribute('data-pixel');
    if (pixel) new Image().src = pixel + '/tr?ev=PageView';
  }
  var box = document.getElementById('samtykke');
  if (choice) box.style.display = 'none';
  var set = function (v) {
    document.cookie = 'CookieConsent=' + v + '; max-age=' + (180 * day) + '; path=/; samesite=lax';
    box.style.display = 'none';
  };
  document.getElementById('godta').onclick = function () { set('accepted'); };
  document.getElementById('avvis').onclick = function () { set('rejected'); };
})();
