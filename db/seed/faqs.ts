/**
 * Springfield Auto's FAQ. Hours, prices, the address and the phone number are taken from the other seed
 * files so an answer can never quote a different value than the booking system uses.
 * `keywords` are the words callers actually say; they are searched but never read out.
 */
import type { FaqCategory } from '../../domain/catalog'
import type { faqs } from '../schema'
import { DEALERSHIP, DEALERSHIP_PHONE_DISPLAY as PHONE, hoursText } from './dealership'
import { servicePrice } from './services'

type FaqRow = typeof faqs.$inferInsert & { category: FaqCategory }

const BRANDS = 'Toyota, Honda, Ford, Chevrolet, Hyundai and Subaru'

const hours: FaqRow[] = [
  {
    category: 'hours',
    question: 'What are your service department hours?',
    answer: `The service department is open ${hoursText('service')}. If you can't make it during those hours, use the after-hours key drop box at the service entrance and we'll call you in the morning.`,
    keywords:
      'open, opening, close, closing time, service hours, when are you open, saturday, sunday, weekend, key drop',
  },
  {
    category: 'hours',
    question: 'What are your sales showroom hours?',
    answer: `The sales showroom is open ${hoursText('sales')}. You can browse inventory and leave a message on our website or at ${PHONE} any time.`,
    keywords:
      'open, opening, close, closing time, showroom hours, sales hours, open late, evening, saturday, sunday',
  },
  {
    category: 'hours',
    question: 'What are your parts department hours?',
    answer: `The parts counter keeps the same hours as service: ${hoursText('service')}.`,
    keywords: 'parts counter hours, open, close, closing time, pick up parts, saturday',
  },
  {
    category: 'hours',
    question: 'Are you open on holidays?',
    answer:
      "We're closed on New Year's Day, Memorial Day, Independence Day, Labor Day, Thanksgiving Day and Christmas Day. On Christmas Eve and New Year's Eve both sales and service close at 2 p.m. On all other holidays we keep our normal hours.",
    keywords:
      'holiday, holidays, thanksgiving, christmas, new years, 4th of july, fourth of july, memorial day, labor day, black friday, open today',
  },
]

const location: FaqRow[] = [
  {
    category: 'location',
    question: 'Where is the dealership located?',
    answer: `We're at ${DEALERSHIP.address}, on the east side of Springfield along Dirksen Parkway, a few minutes from I-55.`,
    keywords: 'address, where are you, location, located, find you, map, zip code, springfield',
  },
  {
    category: 'location',
    question: 'How do I get to the dealership from I-55?',
    answer:
      "From I-55, take the Stevenson Drive exit toward Springfield and head north on Dirksen Parkway. We're about a mile up on the right; the service entrance is under the blue canopy on the north side of the building.",
    keywords: 'directions, highway, interstate, how to get there, gps, exit, driving, route, coming from',
  },
  {
    category: 'location',
    question: 'Where do I park when I visit?',
    answer:
      'Customer parking in front of the showroom is free, with accessible spaces next to the main entrance. For service, drive straight into the covered service drive on the north side and an advisor will meet you at your car.',
    keywords:
      'parking, park, parking lot, handicap, accessible, disabled parking, service drive, where to drop off',
  },
]

const sales: FaqRow[] = [
  {
    category: 'sales',
    question: 'Do I need an appointment for a test drive?',
    answer:
      "Walk-ins are welcome during showroom hours, but booking a test drive makes sure the car is here, charged or fueled and ready, with a consultant waiting for you. A test drive takes about 30 minutes; bring your driver's license.",
    keywords: 'test drive, try out, drive it, take it for a spin, appointment, walk in, see the car',
  },
  {
    category: 'sales',
    question: 'What documents do I need to buy a car?',
    answer:
      "Bring a valid driver's license and proof of insurance (your insurance card or your agent's phone number). If you're financing, also bring two recent pay stubs and a proof of address such as a utility bill. If you're trading in, bring the title, or your lender's name and account number if it isn't paid off, plus the registration and all keys.",
    keywords:
      'paperwork, documents, what to bring, license, insurance card, pay stubs, proof of income, proof of residence, utility bill, title',
  },
  {
    category: 'sales',
    question: 'Do you sell used and certified pre-owned cars?',
    answer: `Yes. Besides new ${BRANDS} models, we carry used cars of every brand, including used Teslas, and certified pre-owned vehicles that passed the manufacturer's inspection. Every used car comes with a free vehicle history report.`,
    keywords:
      'used cars, pre-owned, preowned, second hand, cpo, inventory, in stock, tesla, carfax, history report',
  },
  {
    category: 'sales',
    question: 'Can I buy a car online or have it delivered?',
    answer:
      'Yes. You can hold any car with a $500 refundable deposit, do the credit application and paperwork online, and sign in person in about 30 minutes. We deliver free to your home or office within 50 miles of Springfield.',
    keywords:
      'online, buy online, home delivery, deliver, delivery, remote, deposit, hold a car, reserve, put on hold',
  },
  {
    category: 'sales',
    question: 'Do you charge dealer fees, and what is the out-the-door price?',
    answer:
      "Our used cars are priced to market up front, with no add-ons. The only dealer fee is the documentary fee, which Illinois law caps each year; tax, title and registration are charged at state rates. We'll give you an itemized out-the-door price in writing before you sign anything.",
    keywords:
      'doc fee, documentation fee, dealer fees, out the door, otd, negotiate, hidden fees, markup, addendum, best price',
  },
]

const financing: FaqRow[] = [
  {
    category: 'financing',
    question: 'Do you offer financing?',
    answer:
      'Yes. Our finance team works with more than 20 banks and credit unions to find you a loan or lease, for every credit situation, including first-time buyers and past credit trouble. You can apply online or in person, and most applicants get an answer the same day.',
    keywords:
      'finance, financing, car loan, auto loan, loans, lender, lenders, payment plan, pay monthly, finance department',
  },
  {
    category: 'financing',
    question: 'Can I get financing with bad credit?',
    answer:
      'Yes. We work with more than 20 banks and credit unions, including lenders that specialize in low scores, past bankruptcies and repossessions, and most applicants get an answer the same day. A larger down payment or a co-signer can lower your rate, and our finance manager will walk you through every option.',
    keywords:
      'bad credit, poor credit, low credit score, bankruptcy, repossession, repo, subprime, get approved, denied before',
  },
  {
    category: 'financing',
    question: 'Can I get a car loan with no credit history as a first-time buyer?',
    answer:
      "Yes. Our first-time buyer program is for people with little or no credit history: bring proof of income (about $1,800 a month or more), proof of address and a valid driver's license. Toyota, Honda and Hyundai also offer rebates for recent college graduates on new models.",
    keywords:
      'first car, first time buyer, no credit, thin credit, student, college graduate, young driver, build credit',
  },
  {
    category: 'financing',
    question: 'How do I get pre-approved for financing?',
    answer:
      'Fill out the secure credit application on our website or over the phone with our finance team. It takes about 15 minutes, the pre-approval is good for 30 days, and it tells you your budget before you shop. Checking your options is a soft inquiry; a lender only pulls your full credit when you choose a loan.',
    keywords:
      'preapproval, pre approved, pre-qualify, prequalify, credit application, apply, budget, how much can i afford',
  },
  {
    category: 'financing',
    question: 'What interest rates and loan terms do you offer?',
    answer:
      'Rates depend on your credit, the term and the vehicle. Manufacturer promotional APRs on new models run from 0.9% to 3.9% for well-qualified buyers, and used-car rates from our credit union partners start around 6%. Terms run from 24 to 84 months, and we show you the APR from each lender side by side.',
    keywords:
      'apr, interest, interest rate, rates, monthly payment, loan term, 0 percent, 60 months, 72 months, 84 months',
  },
  {
    category: 'financing',
    question: 'Can I use a co-signer on my car loan?',
    answer:
      "Yes. A co-signer with good credit can help you get approved or get a lower rate. They can sign in person or electronically, need a driver's license and proof of income, and are equally responsible for the loan.",
    keywords: 'cosigner, co-sign, cosign, co-buyer, co buyer, parent, spouse, joint loan, guarantor',
  },
  {
    category: 'financing',
    question: 'Can I use financing from my own bank or credit union?',
    answer:
      "Absolutely. Bring your pre-approval letter or loan check from your bank or credit union. We're also happy to see whether one of our lenders can beat the rate.",
    keywords: 'outside financing, own bank, my bank, credit union, loan check, bring my own loan',
  },
  {
    category: 'financing',
    question: 'Do you offer leases?',
    answer: `Yes, on all new ${BRANDS} models. Most leases run 24 to 39 months with 10,000, 12,000 or 15,000 miles a year, and extra miles usually cost 15 to 25 cents a mile. At lease end you can return the car, buy it, or trade into a new one.`,
    keywords:
      'lease, leasing, lease deal, lease special, lease return, lease end, mileage allowance, lease buyout, residual',
  },
]

const tradeIn: FaqRow[] = [
  {
    category: 'trade_in',
    question: 'How much is my trade-in worth?',
    answer:
      'Bring it by for a free appraisal: it takes about 20 minutes and the written offer is good for 7 days or 500 miles. For an estimate first, enter your VIN or license plate on our website. We look at condition, mileage, history and current market values.',
    keywords:
      "trade in, trade-in value, appraisal, appraise, what's my car worth, kbb, kelley blue book, estimate, offer",
  },
  {
    category: 'trade_in',
    question: "Will you buy my car even if I don't buy one from you?",
    answer:
      'Yes. We buy cars outright with no purchase needed, and pay by check the same day once the title is signed over.',
    keywords: 'sell my car, buy my car, cash for my car, no purchase, sell outright, we buy cars',
  },
  {
    category: 'trade_in',
    question: "Can I trade in a car that isn't paid off?",
    answer:
      "Yes. Bring your lender's name and account number; we get the payoff amount and pay the lender directly. If your car is worth more than you owe, the difference goes toward your purchase or comes back to you. If you owe more than it's worth, we can often roll the difference into the new loan.",
    keywords:
      'payoff, pay off, still owe, loan balance, upside down, negative equity, lien, underwater, not paid off',
  },
]

const warranty: FaqRow[] = [
  {
    category: 'warranty',
    question: 'What does the factory warranty cover on a new car?',
    answer:
      'Toyota, Honda, Ford, Chevrolet and Subaru cover new vehicles for 3 years/36,000 miles bumper to bumper and 5 years/60,000 miles on the powertrain. Hyundai covers 5 years/60,000 miles bumper to bumper and 10 years/100,000 miles on the powertrain for the original owner. Hybrid and EV batteries are covered for at least 8 years/100,000 miles. Warranty repairs at our service department cost you nothing.',
    keywords:
      'warranty, bumper to bumper, powertrain, covered, coverage, factory warranty, manufacturer warranty, free repair',
  },
  {
    category: 'warranty',
    question: 'What comes with a certified pre-owned vehicle?',
    answer:
      "Certified pre-owned vehicles pass the manufacturer's multi-point inspection, come with extended powertrain coverage (7 years/100,000 miles from the original sale date for most brands), roadside assistance and a free vehicle history report.",
    keywords:
      'cpo, certified, certified pre-owned, certified used, inspection, cpo warranty, roadside assistance',
  },
  {
    category: 'warranty',
    question: 'Do you sell extended warranties?',
    answer:
      'Yes: manufacturer-backed service contracts (Toyota Extra Care, HondaCare, Ford Protect, GM Protection Plans, Hyundai Protection Plan and Subaru Added Security) and plans for used vehicles of any brand, up to 8 years or 125,000 miles. You can add one when you buy or later while the factory warranty is still active.',
    keywords:
      'extended warranty, service contract, protection plan, coverage after warranty, extra care, vehicle service contract',
  },
]

const afterSalesAndPolicies: FaqRow[] = [
  {
    category: 'service',
    question: 'How often should I change my oil?',
    answer: `Most newer cars on synthetic oil need an oil change every 5,000 to 10,000 miles or 6 to 12 months; follow your car's maintenance reminder or owner's manual. Our full synthetic oil change is ${servicePrice('Oil Change')}, takes about 30 minutes and includes a multi-point inspection.`,
    keywords:
      'oil change, how often, interval, miles, oil life, maintenance schedule, oil price, how much, cost',
  },
  {
    category: 'service',
    question: 'Do you take walk-ins for service?',
    answer:
      'Yes, for quick jobs like oil changes, tire rotations and battery tests: express service is first come, first served during service hours, usually with a 45 to 60 minute wait. For repairs and diagnostics, book an appointment so a bay and a technician are reserved for you.',
    keywords: 'walk in, walk-in, no appointment, drop in, express service, quick lube, wait, same day, today',
  },
  {
    category: 'service',
    question: 'How much does a brake inspection cost?',
    answer: `A brake inspection is ${servicePrice('Brake Inspection')} and takes about an hour; we measure pads and rotors, check the fluid and road-test the car, and the fee is credited toward any brake repair we do. Squealing or grinding usually means the pads are worn, so don't wait too long.`,
    keywords:
      'brakes, brake check, squeaky brakes, squealing, grinding, brake pads, rotors, brake price, brake job',
  },
  {
    category: 'service',
    question: 'Do you do state inspections or emissions tests?',
    answer: `Illinois doesn't require yearly safety inspections for passenger cars, and Sangamon County is outside the Illinois emissions testing area, so most Springfield drivers don't need either. We do perform a safety inspection with a signed report for a move to a state that requires one, fleet or insurance paperwork, or before you buy a used car: ${servicePrice('State Inspection')}, about 30 minutes.`,
    keywords:
      'state inspection, inspection sticker, emissions test, smog check, safety inspection, illinois air team',
  },
  {
    category: 'service',
    question: 'How do I know if my car has a recall?',
    answer:
      "Enter your VIN at nhtsa.gov/recalls, or give us your VIN and we'll look it up. Recall repairs are always free at a franchised dealer for your car's brand. When you book a recall service we confirm the parts are in stock first; most recalls take one to two hours.",
    keywords:
      'recall, recalls, safety recall, recall notice, recall letter, vin lookup, airbag recall, open recall, campaign',
  },
  {
    category: 'service',
    question: "Do you service cars you didn't sell, including other brands?",
    answer: `Yes. We service all makes and models no matter where you bought them. Our technicians are factory-trained for ${BRANDS} and ASE-certified for everything else.`,
    keywords:
      'any make, other brands, bought elsewhere, not bought here, nissan, kia, jeep, mazda, service my car',
  },
  {
    category: 'parts',
    question: 'How do I order parts?',
    answer: `Order genuine OEM parts and accessories at the parts counter (${hoursText('service')}), by phone at ${PHONE}, or on our website. Parts in stock are ready the same day; special orders usually arrive in 1 to 3 business days. Have your VIN handy so we order the right part.`,
    keywords:
      'parts, order a part, oem, genuine parts, accessories, special order, floor mats, wiper blades, vin',
  },
  {
    category: 'parts',
    question: 'What is your parts return policy?',
    answer:
      'Unused parts in the original packaging can be returned within 30 days with the receipt for a full refund. Electrical parts and special-order parts cannot be returned.',
    keywords: 'return a part, refund, wrong part, exchange, restocking fee, receipt',
  },
  {
    category: 'ev',
    question: 'Do you service electric vehicles and Teslas?',
    answer: `Yes. Our EV-certified technicians service the Ford Mustang Mach-E, Chevrolet Equinox EV and Bolt, Hyundai Ioniq 5, Toyota bZ4X and Subaru Solterra, and do tires, brakes, alignment, A/C and 12-volt battery work on Teslas; high-voltage repairs on a Tesla go to Tesla service. The EV Battery Health Check (${servicePrice('EV Battery Health Check')}, about an hour) reports your battery's state of health, which is worth having before you buy or sell a used EV.`,
    keywords:
      'electric, ev, electric vehicle, tesla, hybrid, battery health, range, mach-e, ioniq, bolt, high voltage',
  },
  {
    category: 'ev',
    question: 'Do you have EV charging stations?',
    answer:
      'Yes, open 24/7 in the lot by the service entrance: four Level 2 chargers (J1772; Tesla drivers can use their adapter) and two DC fast chargers (CCS). Level 2 charging is free while your car is in for service; DC fast charging costs $0.45 per kWh, paid by card at the charger.',
    keywords:
      'charging, charger, charge my car, charging station, level 2, fast charger, dc fast, supercharger, plug in',
  },
  {
    category: 'amenities',
    question: 'Do you offer loaner cars?',
    answer:
      "Yes. Loaner cars are free for repairs expected to take more than four hours and for warranty work, subject to availability, so please ask for one when you book. You'll need to be 21 or older with a valid driver's license and proof of insurance. For shorter visits, take our shuttle or relax in the lounge.",
    keywords: 'loaner, loaner car, courtesy car, rental, rental car, loan car, car while mine is in the shop',
  },
  {
    category: 'amenities',
    question: 'Do you have a shuttle service?',
    answer:
      'Yes. Our free shuttle takes you to home, work or school within 10 miles of the dealership, weekdays from 7:30 a.m. to 5 p.m., and picks you up when your car is ready. Let your service advisor know when you check in.',
    keywords: 'shuttle, ride, ride home, drop off, pick up, courtesy ride, drive me to work',
  },
  {
    category: 'amenities',
    question: 'Is there a waiting area with Wi-Fi?',
    answer:
      "Our customer lounge has free Wi-Fi, coffee and snacks, a kids' corner, a work bar with outlets and USB chargers, and TVs. We text you as soon as your car is ready.",
    keywords: 'waiting room, lounge, wifi, wi-fi, internet, coffee, wait, kids, work while waiting, restroom',
  },
  {
    category: 'payment',
    question: 'What payment methods do you accept?',
    answer:
      "For service and parts we take cash, Visa, Mastercard, American Express, Discover, debit cards, Apple Pay and Google Pay, or the text-to-pay link we send when your car is ready. For a vehicle purchase we accept a cashier's check, a bank wire, financing through us or your own lender, or a personal check with ID; credit cards are accepted for up to $3,000 of a down payment.",
    keywords:
      'pay, payment, credit card, debit card, cash, check, apple pay, google pay, how to pay, down payment, wire',
  },
  {
    category: 'payment',
    question: 'Can I make payments on a repair bill?',
    answer:
      'Yes. Repairs over $300 can be paid over 6 months with no interest through our service payment plan, with approved credit. Ask your service advisor before the work starts and the application takes a few minutes.',
    keywords:
      'payment plan, finance repairs, pay later, monthly payments, split payment, afford repair, no interest',
  },
  {
    category: 'policies',
    question: 'Can I return a car after I buy it?',
    answer:
      "Illinois law has no cooling-off period for car purchases, and the FTC three-day cancellation rule doesn't cover cars bought at a dealership. For peace of mind, every used and certified vehicle comes with our 3-day/150-mile exchange policy: if it isn't right, bring it back in the same condition within 3 days and 150 miles and exchange it for another vehicle from our inventory. New vehicles can't be returned once they are registered.",
    keywords:
      "return, cooling off, cooling-off period, refund, change my mind, exchange, buyer's remorse, cancel purchase, 3 day",
  },
  {
    category: 'policies',
    question: 'How do I cancel or reschedule an appointment?',
    answer: `Call us at ${PHONE}, reply to your reminder text, or just tell our assistant. Changes and cancellations are free; please let us know at least 2 hours ahead so we can offer the time to someone else.`,
    keywords:
      'cancel appointment, reschedule, change appointment, move my appointment, running late, no show, cancellation fee',
  },
  {
    category: 'policies',
    question: 'Are calls recorded, and can I talk to a person?',
    answer:
      'Calls and chats with Springfield Auto are recorded and transcribed for quality, training and to keep a record of your appointments; we never sell your information. Our virtual assistant answers first, and you can ask for a person at any time: during business hours we connect you to a team member, and after hours we schedule a callback.',
    keywords:
      'recorded, recording, privacy, personal information, talk to a person, human, representative, real person, ai, robot',
  },
]

export const FAQS: FaqRow[] = [
  ...hours,
  ...location,
  ...sales,
  ...financing,
  ...tradeIn,
  ...warranty,
  ...afterSalesAndPolicies,
]
