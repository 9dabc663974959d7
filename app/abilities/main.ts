/*
|--------------------------------------------------------------------------
| Bouncer abilities
|--------------------------------------------------------------------------
|
| Authorization lives in policies (app/policies). Standalone abilities that
| do not belong to a resource go here.
|
*/

export {}
