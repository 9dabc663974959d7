/*
|--------------------------------------------------------------------------
| VineJS
|--------------------------------------------------------------------------
|
| vine.number() converts its input with Number(), which throws a TypeError
| for an object whose valueOf and toString are not functions, e.g. the JSON
| {"seq": {"valueOf": 1, "toString": 1}}: the request ended in a 500 instead
| of a 422 (found by the HTTP fuzz suite; VineJS 4.4). Such a value is not a
| number, so it now fails the rule like any other non-number.
|
*/

import vine from '@vinejs/vine'

const asNumber = vine.helpers.asNumber

vine.helpers.asNumber = (value) => {
  try {
    return asNumber(value)
  } catch {
    return Number.NaN
  }
}
