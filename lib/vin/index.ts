export {
  openVinDecoder,
  sharedVinDecoder,
  vpicDatabasePath,
  type VinDecoder,
  type VinDecodeProblem,
  type VinDecodeResult,
} from './decoder'
export { addVehicleByVin, type AddByVinResult } from './records'
