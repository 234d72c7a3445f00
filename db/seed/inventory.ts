/**
 * Vehicles on the lot. VINs follow the real layout (manufacturer prefix, model-year letter in position 10)
 * and carry a valid check digit in position 9. Stock numbers: N = new, C = certified, U = used.
 */
import type { inventoryVehicles } from '../schema'

type InventoryRow = typeof inventoryVehicles.$inferInsert

type Spec = Omit<InventoryRow, 'id' | 'condition' | 'available' | 'priceCents'> & {
  price: number
  sold?: true
}

// Prices are written in dollars for readability and stored in cents.
const vehicles = (condition: InventoryRow['condition'], specs: Spec[]): InventoryRow[] =>
  specs.map(({ price, sold, ...v }) => ({ ...v, condition, priceCents: price * 100, available: !sold }))

// A compact block per vehicle reads like the lot list; prettier would spread each over 13 lines.
// prettier-ignore
const NEW: InventoryRow[] = vehicles('new', [
  { vin: '4T1DAACK7SU104221', stockNumber: 'N25101', year: 2025, make: 'Toyota', model: 'Camry',
    trim: 'LE', bodyStyle: 'sedan', fuelType: 'hybrid',
    exteriorColor: 'Wind Chill Pearl', mileage: 12, price: 29495 },
  { vin: '5YFB4MDE5SP318764', stockNumber: 'N25102', year: 2025, make: 'Toyota', model: 'Corolla',
    trim: 'LE', bodyStyle: 'sedan', fuelType: 'gasoline',
    exteriorColor: 'Celestite Gray Metallic', mileage: 8, price: 23260 },
  { vin: '2T3RWRFV9SW226517', stockNumber: 'N25103', year: 2025, make: 'Toyota', model: 'RAV4 Hybrid',
    trim: 'XLE AWD', bodyStyle: 'suv', fuelType: 'hybrid',
    exteriorColor: 'Lunar Rock', mileage: 15, price: 35770 },
  { vin: '3TYLB5JN6ST077412', stockNumber: 'N25104', year: 2025, make: 'Toyota', model: 'Tacoma',
    trim: 'TRD Sport Double Cab 4x4', bodyStyle: 'pickup', fuelType: 'gasoline',
    exteriorColor: 'Underground', mileage: 22, price: 41295 },
  { vin: '5TDKDRAH6SS041187', stockNumber: 'N25105', year: 2025, make: 'Toyota', model: 'Highlander',
    trim: 'XLE AWD', bodyStyle: 'suv', fuelType: 'gasoline',
    exteriorColor: 'Midnight Black Metallic', mileage: 9, price: 46390, sold: true },
  { vin: '2HGFE2F52SH512093', stockNumber: 'N25106', year: 2025, make: 'Honda', model: 'Civic',
    trim: 'Sport', bodyStyle: 'sedan', fuelType: 'gasoline',
    exteriorColor: 'Platinum White Pearl', mileage: 6, price: 27345 },
  { vin: '7FARS4H76SE038822', stockNumber: 'N25107', year: 2025, make: 'Honda', model: 'CR-V Hybrid',
    trim: 'Sport AWD', bodyStyle: 'suv', fuelType: 'hybrid',
    exteriorColor: 'Urban Gray Pearl', mileage: 11, price: 36650 },
  { vin: '1HGCY2F70SA027719', stockNumber: 'N25108', year: 2025, make: 'Honda', model: 'Accord Hybrid',
    trim: 'Sport', bodyStyle: 'sedan', fuelType: 'hybrid',
    exteriorColor: 'Still Night Pearl', mileage: 4, price: 33955 },
  { vin: '5FNYG1H64SB006384', stockNumber: 'N25109', year: 2025, make: 'Honda', model: 'Pilot',
    trim: 'TrailSport AWD', bodyStyle: 'suv', fuelType: 'gasoline',
    exteriorColor: 'Diffused Sky Blue Pearl', mileage: 14, price: 50795 },
  { vin: '1FTFW1E50SKD41876', stockNumber: 'N25110', year: 2025, make: 'Ford', model: 'F-150',
    trim: 'XLT SuperCrew 4x4', bodyStyle: 'pickup', fuelType: 'gasoline',
    exteriorColor: 'Oxford White', mileage: 18, price: 57120 },
  { vin: '1FMCU9GN2SUA20457', stockNumber: 'N25111', year: 2025, make: 'Ford', model: 'Escape',
    trim: 'Active AWD', bodyStyle: 'suv', fuelType: 'gasoline',
    exteriorColor: 'Carbonized Gray Metallic', mileage: 10, price: 31880 },
  { vin: '3FMTK3SU2SMA09318', stockNumber: 'N25112', year: 2025, make: 'Ford', model: 'Mustang Mach-E',
    trim: 'Select AWD', bodyStyle: 'suv', fuelType: 'electric',
    exteriorColor: 'Grabber Blue Metallic', mileage: 7, price: 44390 },
  { vin: '3FTTW8J38SRA57701', stockNumber: 'N25113', year: 2025, make: 'Ford', model: 'Maverick',
    trim: 'XLT Hybrid', bodyStyle: 'pickup', fuelType: 'hybrid',
    exteriorColor: 'Azure Gray Metallic', mileage: 12, price: 30390 },
  { vin: '1GCUDDED8SZ152230', stockNumber: 'N25114', year: 2025, make: 'Chevrolet', model: 'Silverado 1500',
    trim: 'LT Crew Cab 4WD', bodyStyle: 'pickup', fuelType: 'gasoline',
    exteriorColor: 'Summit White', mileage: 16, price: 54895 },
  { vin: '3GNAXKEG4SL287745', stockNumber: 'N25115', year: 2025, make: 'Chevrolet', model: 'Equinox',
    trim: 'LT AWD', bodyStyle: 'suv', fuelType: 'gasoline',
    exteriorColor: 'Sterling Gray Metallic', mileage: 9, price: 32795 },
  { vin: '3GN7DNRP8SS004512', stockNumber: 'N25116', year: 2025, make: 'Chevrolet', model: 'Equinox EV',
    trim: '2LT AWD', bodyStyle: 'suv', fuelType: 'electric',
    exteriorColor: 'Riptide Blue Metallic', mileage: 5, price: 49595 },
  { vin: 'KL77LHE26SC096150', stockNumber: 'N25117', year: 2025, make: 'Chevrolet', model: 'Trax',
    trim: '1RS', bodyStyle: 'suv', fuelType: 'gasoline',
    exteriorColor: 'Cacti Green', mileage: 3, price: 24495 },
  { vin: '5NMJBCDE9SH409381', stockNumber: 'N25118', year: 2025, make: 'Hyundai', model: 'Tucson',
    trim: 'SEL AWD', bodyStyle: 'suv', fuelType: 'gasoline',
    exteriorColor: 'Amazon Gray', mileage: 13, price: 32625 },
  { vin: 'KMHLM4DG0SU682014', stockNumber: 'N25119', year: 2025, make: 'Hyundai', model: 'Elantra',
    trim: 'SEL', bodyStyle: 'sedan', fuelType: 'gasoline',
    exteriorColor: 'Intense Blue', mileage: 6, price: 23515 },
  { vin: 'KM8KNDDF7SU314476', stockNumber: 'N25120', year: 2025, make: 'Hyundai', model: 'Ioniq 5',
    trim: 'SEL AWD', bodyStyle: 'suv', fuelType: 'electric',
    exteriorColor: 'Cyber Gray Metallic', mileage: 8, price: 51825 },
  { vin: '5NMP4DGL2SH072931', stockNumber: 'N25121', year: 2025, make: 'Hyundai', model: 'Santa Fe Hybrid',
    trim: 'SEL AWD', bodyStyle: 'suv', fuelType: 'hybrid',
    exteriorColor: 'Ecotronic Gray Pearl', mileage: 10, price: 40875 },
  { vin: '4S4BTAFC7S3118406', stockNumber: 'N25122', year: 2025, make: 'Subaru', model: 'Outback',
    trim: 'Premium', bodyStyle: 'wagon', fuelType: 'gasoline',
    exteriorColor: 'Autumn Green Metallic', mileage: 11, price: 32575 },
  { vin: 'JF2SLDDC7SG214880', stockNumber: 'N25123', year: 2025, make: 'Subaru', model: 'Forester',
    trim: 'Premium', bodyStyle: 'suv', fuelType: 'gasoline',
    exteriorColor: 'Crystal White Pearl', mileage: 7, price: 33115 },
  { vin: 'JF2GUHDC5S8305117', stockNumber: 'N25124', year: 2025, make: 'Subaru', model: 'Crosstrek',
    trim: 'Sport', bodyStyle: 'suv', fuelType: 'gasoline',
    exteriorColor: 'Magnetite Gray Metallic', mileage: 9, price: 30165 },
])

// A compact block per vehicle reads like the lot list; prettier would spread each over 13 lines.
// prettier-ignore
const CERTIFIED: InventoryRow[] = vehicles('certified', [
  { vin: '2T3A1RFV5NW187344', stockNumber: 'C22201', year: 2022, make: 'Toyota', model: 'RAV4',
    trim: 'XLE Premium AWD', bodyStyle: 'suv', fuelType: 'gasoline',
    exteriorColor: 'Blueprint', mileage: 28410, price: 29400 },
  { vin: '4T1G11AK4MU552791', stockNumber: 'C21202', year: 2021, make: 'Toyota', model: 'Camry',
    trim: 'SE', bodyStyle: 'sedan', fuelType: 'gasoline',
    exteriorColor: 'Celestial Silver Metallic', mileage: 41882, price: 23900 },
  { vin: '7FARW2H53NE019933', stockNumber: 'C22203', year: 2022, make: 'Honda', model: 'CR-V',
    trim: 'EX AWD', bodyStyle: 'suv', fuelType: 'gasoline',
    exteriorColor: 'Sonic Gray Pearl', mileage: 33106, price: 27400 },
  { vin: '5NMS2DAJXPH533128', stockNumber: 'C23204', year: 2023, make: 'Hyundai', model: 'Santa Fe',
    trim: 'SEL AWD', bodyStyle: 'suv', fuelType: 'gasoline',
    exteriorColor: 'Portofino Gray', mileage: 19540, price: 26900 },
  { vin: '4S4BTANC4P3191046', stockNumber: 'C23205', year: 2023, make: 'Subaru', model: 'Outback',
    trim: 'Limited', bodyStyle: 'wagon', fuelType: 'gasoline',
    exteriorColor: 'Cosmic Blue Pearl', mileage: 24975, price: 29800 },
  { vin: 'JTDACAAUXP3008215', stockNumber: 'C23206', year: 2023, make: 'Toyota', model: 'Prius',
    trim: 'Limited', bodyStyle: 'hatchback', fuelType: 'hybrid',
    exteriorColor: 'Wind Chill Pearl', mileage: 12330, price: 33500 },
])

// A compact block per vehicle reads like the lot list; prettier would spread each over 13 lines.
// prettier-ignore
const USED: InventoryRow[] = vehicles('used', [
  { vin: '5YJ3E1EB1NF286433', stockNumber: 'U22301', year: 2022, make: 'Tesla', model: 'Model 3',
    trim: 'Long Range AWD', bodyStyle: 'sedan', fuelType: 'electric',
    exteriorColor: 'Pearl White Multi-Coat', mileage: 31204, price: 27500 },
  { vin: '5YJYGDEE8MF105824', stockNumber: 'U21302', year: 2021, make: 'Tesla', model: 'Model Y',
    trim: 'Long Range AWD', bodyStyle: 'suv', fuelType: 'electric',
    exteriorColor: 'Midnight Silver Metallic', mileage: 42518, price: 28900 },
  { vin: '1FTEW1E41KFA63307', stockNumber: 'U19303', year: 2019, make: 'Ford', model: 'F-150',
    trim: 'Lariat SuperCrew 4x4', bodyStyle: 'pickup', fuelType: 'gasoline',
    exteriorColor: 'Magma Red', mileage: 67344, price: 31500, sold: true },
  { vin: '1GNSKNKD9MR264018', stockNumber: 'U21304', year: 2021, make: 'Chevrolet', model: 'Tahoe',
    trim: 'LT 4WD', bodyStyle: 'suv', fuelType: 'gasoline',
    exteriorColor: 'Black', mileage: 55120, price: 44900 },
  { vin: '4S4BSANC1J3301562', stockNumber: 'U18305', year: 2018, make: 'Subaru', model: 'Outback',
    trim: '2.5i Limited', bodyStyle: 'wagon', fuelType: 'gasoline',
    exteriorColor: 'Crimson Red Pearl', mileage: 89447, price: 17900 },
  { vin: 'JN8AT2MV5LW402177', stockNumber: 'U20306', year: 2020, make: 'Nissan', model: 'Rogue',
    trim: 'SV AWD', bodyStyle: 'suv', fuelType: 'gasoline',
    exteriorColor: 'Gun Metallic', mileage: 61090, price: 17400 },
  { vin: '1C4HJXEG0MW208154', stockNumber: 'U21307', year: 2021, make: 'Jeep', model: 'Wrangler Unlimited',
    trim: 'Sahara 4x4', bodyStyle: 'suv', fuelType: 'gasoline',
    exteriorColor: 'Sarge Green', mileage: 40226, price: 33900 },
  { vin: '1C6SRFJM2LN171530', stockNumber: 'U20308', year: 2020, make: 'Ram', model: '1500',
    trim: 'Laramie Crew Cab EcoDiesel 4x4', bodyStyle: 'pickup', fuelType: 'diesel',
    exteriorColor: 'Granite Crystal Metallic', mileage: 72880, price: 29900 },
  { vin: '19XFC2F52HE027431', stockNumber: 'U17309', year: 2017, make: 'Honda', model: 'Civic',
    trim: 'LX', bodyStyle: 'sedan', fuelType: 'gasoline',
    exteriorColor: 'Taffeta White', mileage: 98315, price: 13400 },
  { vin: '1G1FY6S02L4108225', stockNumber: 'U20310', year: 2020, make: 'Chevrolet', model: 'Bolt EV',
    trim: 'LT', bodyStyle: 'hatchback', fuelType: 'electric',
    exteriorColor: 'Kinetic Blue Metallic', mileage: 38600, price: 15900, sold: true },
  { vin: '3FMCR9B66NRA42779', stockNumber: 'U22311', year: 2022, make: 'Ford', model: 'Bronco Sport',
    trim: 'Big Bend 4x4', bodyStyle: 'suv', fuelType: 'gasoline',
    exteriorColor: 'Area 51', mileage: 30812, price: 25800 },
  { vin: 'JTMEB3FV7ND085519', stockNumber: 'U22312', year: 2022, make: 'Toyota', model: 'RAV4 Prime',
    trim: 'XSE AWD', bodyStyle: 'suv', fuelType: 'plug_in_hybrid',
    exteriorColor: 'Supersonic Red', mileage: 24150, price: 38900 },
])

export const INVENTORY: InventoryRow[] = [...NEW, ...CERTIFIED, ...USED]
