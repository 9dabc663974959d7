/*
| Preloaded (`--import`) into the chat processes the bench starts. The chat
| allows 10 frames a second per socket (burst 20), which caps a closed-loop
| sender at 10 acks/s: the persistence scenario would measure the limiter,
| not the store. This raises that one limit before the app reads its config;
| every other limit and all code paths stay as shipped.
*/
import { DEFAULT_LIMITS } from '#chat/src/limits'

DEFAULT_LIMITS.framesPerSecond = 1_000_000
DEFAULT_LIMITS.frameBurst = 1_000_000
