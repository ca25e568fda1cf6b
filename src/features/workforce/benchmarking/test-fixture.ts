/** Small indicator files in the DfE's format, for the benchmarking tests. */
export const HEADER =
  "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,new_la_code,la_name,inpost_fte,inpost_headcount,starters_fte,starters_headcount,leavers_fte,leavers_headcount,turnover_rate_fte,turnover_rate_headcount,agency_fte,agency_headcount,agency_rate_fte,agency_rate_headcount,agency_cover_fte,agency_cover_rate_fte,vacancy_fte,vacancy_rate_fte,vacancy_agency_cover_rate_fte,case_holders_fte,cases,caseload_fte,working_days_lost_fte,absence_rate_fte";

/** Published rows of 2025 (England, East of England, Essex, Luton, Suffolk) as in the DfE's file. */
export const ROWS_2025 = {
  england:
    "2025,Reporting year,National,E92000001,England,,,,,,36186.3,38292,5837.8,6043,4276.3,4611,11.8,12,5415.9,5566,13,12.7,4390.8,81.1,5965.4,14.2,73.6,21105.4,321661,15.2,322786.3,3.5",
  east: "2025,Reporting year,Regional,E92000001,England,E12000006,East of England,,,,3396.9,3614,547.2,562,391.5,421,11.5,11.6,356.2,365,9.5,9.2,317.8,89.2,423.7,11.1,75,1812.3,26244,14.5,24962.3,2.9",
  essex:
    "2025,Reporting year,Local authority,E92000001,England,E12000006,East of England,881,E10000012,Essex,884.3,927,117.6,118,74.4,78,8.4,8.4,12,12,1.3,1.3,12,100,49,5.3,24.5,419.8,5696,13.6,6693.7,3",
  luton:
    "2025,Reporting year,Local authority,E92000001,England,E12000006,East of England,821,E06000032,Luton,166.9,173,34,34,33.4,34,20,19.7,67.8,68,28.9,28.2,67.8,100,78,31.9,86.9,97.3,1336,13.7,602,1.4",
  suffolk:
    "2025,Reporting year,Local authority,E92000001,England,E12000006,East of England,935,E10000029,Suffolk,405.9,467,51.1,58,38.5,51,9.5,10.9,24,24,5.6,4.9,17.7,73.8,40.7,9.1,43.5,220.7,3603,16.3,3614,3.5",
};

/** 2024: England, and Essex with suppressed cells (u, low, x, c, z, :, blank). */
export const ROWS_2024 = {
  england:
    "2024,Reporting year,National,E92000001,England,,,,,,34328.2,36402,5613.4,5822,4728.7,5073,13.9,13.9,6520.7,6704,16.2,15.7,5313.2,81.3,7188.6,17.3,76.2,20803.5,320461,15.4,285778.4,3.4",
  essexSuppressed:
    "2024,Reporting year,Local authority,E92000001,England,E12000006,East of England,881,E10000012,Essex,870.1,910,u,28,low,20,x,c,z,:,,u,low,100,10,4.2,0.4,104.2,1792,17.2,1936.5,3.4",
};

export const file = (...rows: string[]) => [HEADER, ...rows].join("\n");
