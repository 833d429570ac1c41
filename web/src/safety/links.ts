// tel: and sms: links for crisis resources, and a short host name to show for a web link.
// Phone numbers are shown as the server lists them ("116 123"); links keep only the digits
// (and a leading +), which every dialler accepts.

/** tel: link for a number as written ("1-800-799-7233", "116 123"). */
export function telHref(phone: string): string {
  const plus = phone.trim().startsWith('+') ? '+' : '';
  return `tel:${plus}${phone.replace(/[^0-9]/g, '')}`;
}

/** sms: link, with the keyword as the message body when the line asks for one
 * (`sms:741741?&body=HOME` works on both Android and iOS). */
export function smsHref(number: string, keyword?: string): string {
  const to = number.replace(/[^0-9+]/g, '');
  return keyword ? `sms:${to}?&body=${encodeURIComponent(keyword)}` : `sms:${to}`;
}

/** "988lifeline.org" for "https://988lifeline.org/chat"; the text itself when not a URL. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host.replace(/^www\./, '');
  } catch {
    return url;
  }
}
