/**
 * The chat's texts for the page's locale (resources/lang/<locale>/chat.json, `client`), read
 * from the room's #chat-texts block: `text(key, values)` fills `{placeholders}`;
 * `text.has(key)` says whether the key exists
 */
export function readTexts(root) {
  const texts = JSON.parse(root.querySelector('#chat-texts')?.textContent || '{}')
  function text(key, values = {}) {
    return (texts[key] ?? key).replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ''))
  }
  text.has = (key) => key in texts
  return text
}
