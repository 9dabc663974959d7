/**
 * A short two-note chime made with the Web Audio API (no sound file to
 * fetch). Browsers let a page play sound once the user has interacted with
 * it; before that the chime is silently skipped.
 */
let context = null

/**
 * Plays the chime
 */
export function playChime() {
  const AudioContext = window.AudioContext ?? window.webkitAudioContext
  if (!AudioContext) return
  context ??= new AudioContext()
  if (context.state === 'suspended') context.resume().catch(() => {})
  const start = context.currentTime
  for (const [offset, frequency] of [
    [0, 880],
    [0.12, 1320],
  ]) {
    const oscillator = context.createOscillator()
    const gain = context.createGain()
    oscillator.frequency.value = frequency
    gain.gain.setValueAtTime(0.0001, start + offset)
    gain.gain.exponentialRampToValueAtTime(0.2, start + offset + 0.02)
    gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.25)
    oscillator.connect(gain).connect(context.destination)
    oscillator.start(start + offset)
    oscillator.stop(start + offset + 0.3)
  }
}
