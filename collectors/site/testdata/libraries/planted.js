// A tag that does not wait for consent: Hotjar's id, written on every page load.
document.cookie = "_hjid=SENTINEL-VALUE; max-age=" + (365 * 86400) + "; path=/; SameSite=Lax";
