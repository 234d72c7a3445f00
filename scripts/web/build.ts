/** `npm run build`: builds the dashboard into web/dist (always, even when it looks current). */
import { buildDashboard, WEB_DIST } from './build-dashboard'

const started = Date.now()
await buildDashboard()
console.log(`dashboard built into ${WEB_DIST} in ${((Date.now() - started) / 1000).toFixed(1)} s`)
