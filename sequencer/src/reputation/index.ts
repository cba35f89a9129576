// Reputation: the open ranking formula and the public read models derived from state.
export { RANKING, RANKING_FORMULA, rankingScore, bayesRating, completionRate } from "./ranking";
export { doctorProfile, searchDoctors, patientReliability, licenseView, overdueUnclosed, type SearchDoctorsParameters } from "./readModels";
