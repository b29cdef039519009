// The site's analytics, as the consent library loads it once the visitor accepts: it writes
// Google Analytics' cookie with a two-year lifetime (Chromium keeps at most 400 days).
document.cookie = "_ga=GA1.1.SENTINEL-VALUE; max-age=" + (730 * 86400) + "; path=/; SameSite=Lax";
