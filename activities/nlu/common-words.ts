/**
 * Everyday English words a caller says around their name ("I'm calling", "it's broken", "this is
 * ridiculous"). A word here is never taken for a person's name unless the caller says "my name is".
 * Also keeps fuzzy vehicle matching from reading "carry" as "Camry".
 */
const WORDS = `
a about above after again against ago ah all almost alone along already alright also always am an and
angry annoyed another any anybody anyone anything anyway are around as ask asking at available away awesome
back bad be because been before being below best better between big bit both bring broke broken busy but by
call called calling calls came can can't cancel car care cars certain change check checking close closed
come coming confused cool correct could couldn't crazy curious
day days dead definitely did didn't different do does doesn't doing don't done down driving drove due during
each early easy either else email end enough even evening ever every everything exactly excited
fast fine first for free frustrated from full fun funny
get getting give glad go going gone good got great guess had happy hard has have having he hello help her
here hey hi him his home hoping hot how however hungry hurry i if important in interested into is it its
just kind know last late later least leaving left less let like likely little long look looking lost lot
lucky mad made make many may maybe me mean meant might mine more morning most much must my myself
near need needed needing new next nice night no nobody none nope normal not nothing now
of off ok okay old on once one only open or other our out over own
perfect please pleased possible pretty probably quick quite
ready real really right ridiculous running sad said same saw say saying see seeing seems serious set she
should sick since so some someone something soon sorry speaking still stuck such super supposed sure
take taking talk talking tell than thank thanks that that's the their them then there these they thing
think this those though through tired to today tomorrow tonight too totally trying two
under unhappy unless until up upset us use used using usually
very wait waiting want wanted wanting was way we well went were what when where which while who why will
wish with without wondering work working worried would wrong
yeah yep yes yesterday yet you your
monday tuesday wednesday thursday friday saturday sunday weekend week month year
january february march april june july august september october november december
noon afternoon hour minute oclock am pm
oil brake brakes tire tires battery engine service appointment test drive truck suv vehicle
carry civil cable
`

/** Lowercase words that are not names. */
export const COMMON_WORDS: ReadonlySet<string> = new Set(WORDS.split(/\s+/).filter(Boolean))
