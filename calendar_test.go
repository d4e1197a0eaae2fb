package salesperf_test

import (
	"errors"
	"slices"
	"testing"
	"time"
	_ "time/tzdata" // the tests need America/New_York and Europe/Berlin on any machine

	"github.com/google/go-cmp/cmp"

	"github.com/salesperf/salesperf"
)

// ymd builds a Date literal briefly.
func ymd(y int, m time.Month, d int) salesperf.Date {
	return salesperf.Date{Year: y, Month: m, Day: d}
}

var (
	calendarYear = salesperf.Calendar{}
	fyFeb        = salesperf.Calendar{FiscalYearStart: time.February}
	fyFebStart   = salesperf.Calendar{FiscalYearStart: time.February, Naming: salesperf.NameByStartYear}
	fyJul        = salesperf.Calendar{FiscalYearStart: time.July}
	nrf454       = salesperf.Calendar{FiscalYearStart: time.February, Naming: salesperf.NameByStartYear,
		Retail: salesperf.Retail454, RetailYearEnd: salesperf.NearestWeekday}
	nrf544 = salesperf.Calendar{FiscalYearStart: time.February,
		Retail: salesperf.Retail544, RetailYearEnd: salesperf.NearestWeekday}
	// 4-4-5 weeks from Monday, years ending on the last Sunday of December.
	retail445 = salesperf.Calendar{WeekStart: time.Monday, Retail: salesperf.Retail445}
)

// TestPeriodOf checks hand-computed periods. 2026-03-14 is a Saturday; 1
// January 2026 a Thursday; 1 February 2026 a Sunday.
func TestPeriodOf(t *testing.T) {
	tests := []struct {
		reason string
		cal    salesperf.Calendar
		t      time.Time
		grain  salesperf.Grain
		want   salesperf.Period
	}{
		// Calendar year.
		{"day number 31+28+14", calendarYear, time.Date(2026, 3, 14, 15, 0, 0, 0, time.UTC), salesperf.Day,
			salesperf.Period{Grain: salesperf.Day, Start: ymd(2026, 3, 14), End: ymd(2026, 3, 15), Year: 2026, Number: 73}},
		{"week 1 is Sun 28 Dec - Sat 3 Jan", calendarYear, time.Date(2026, 3, 14, 15, 0, 0, 0, time.UTC), salesperf.Week,
			salesperf.Period{Grain: salesperf.Week, Start: ymd(2026, 3, 8), End: ymd(2026, 3, 15), Year: 2026, Number: 11}},
		{"week straddling the year end belongs to the new year", calendarYear, time.Date(2025, 12, 29, 0, 0, 0, 0, time.UTC), salesperf.Week,
			salesperf.Period{Grain: salesperf.Week, Start: ymd(2025, 12, 28), End: ymd(2026, 1, 4), Year: 2026, Number: 1}},
		{"2022 began on a Saturday: 53 weeks", calendarYear, time.Date(2022, 12, 31, 23, 0, 0, 0, time.UTC), salesperf.Week,
			salesperf.Period{Grain: salesperf.Week, Start: ymd(2022, 12, 25), End: ymd(2023, 1, 1), Year: 2022, Number: 53}},
		{"month", calendarYear, time.Date(2026, 3, 14, 15, 0, 0, 0, time.UTC), salesperf.Month,
			salesperf.Period{Grain: salesperf.Month, Start: ymd(2026, 3, 1), End: ymd(2026, 4, 1), Year: 2026, Number: 3}},
		{"quarter", calendarYear, time.Date(2026, 3, 14, 15, 0, 0, 0, time.UTC), salesperf.Quarter,
			salesperf.Period{Grain: salesperf.Quarter, Start: ymd(2026, 1, 1), End: ymd(2026, 4, 1), Year: 2026, Number: 1}},
		{"half", calendarYear, time.Date(2026, 9, 30, 15, 0, 0, 0, time.UTC), salesperf.Half,
			salesperf.Period{Grain: salesperf.Half, Start: ymd(2026, 7, 1), End: ymd(2027, 1, 1), Year: 2026, Number: 2}},
		{"year", calendarYear, time.Date(2026, 3, 14, 15, 0, 0, 0, time.UTC), salesperf.Year,
			salesperf.Period{Grain: salesperf.Year, Start: ymd(2026, 1, 1), End: ymd(2027, 1, 1), Year: 2026, Number: 1}},
		{"weeks from Monday: week 1 is Mon 29 Dec - Sun 4 Jan", salesperf.Calendar{WeekStart: time.Monday}, time.Date(2026, 3, 14, 15, 0, 0, 0, time.UTC), salesperf.Week,
			salesperf.Period{Grain: salesperf.Week, Start: ymd(2026, 3, 9), End: ymd(2026, 3, 16), Year: 2026, Number: 11}},
		{"weeks from Monday: last week of 2025", salesperf.Calendar{WeekStart: time.Monday}, time.Date(2025, 12, 28, 15, 0, 0, 0, time.UTC), salesperf.Week,
			salesperf.Period{Grain: salesperf.Week, Start: ymd(2025, 12, 22), End: ymd(2025, 12, 29), Year: 2025, Number: 52}},

		// Fiscal year from February, named by its end year.
		{"FY2027 starts Feb 2026", fyFeb, time.Date(2026, 3, 14, 15, 0, 0, 0, time.UTC), salesperf.Year,
			salesperf.Period{Grain: salesperf.Year, Start: ymd(2026, 2, 1), End: ymd(2027, 2, 1), Year: 2027, Number: 1, Fiscal: true}},
		{"March is P02", fyFeb, time.Date(2026, 3, 14, 15, 0, 0, 0, time.UTC), salesperf.Month,
			salesperf.Period{Grain: salesperf.Month, Start: ymd(2026, 3, 1), End: ymd(2026, 4, 1), Year: 2027, Number: 2, Fiscal: true}},
		{"Q1 is Feb-Apr", fyFeb, time.Date(2026, 3, 14, 15, 0, 0, 0, time.UTC), salesperf.Quarter,
			salesperf.Period{Grain: salesperf.Quarter, Start: ymd(2026, 2, 1), End: ymd(2026, 5, 1), Year: 2027, Number: 1, Fiscal: true}},
		{"H1 is Feb-Jul", fyFeb, time.Date(2026, 3, 14, 15, 0, 0, 0, time.UTC), salesperf.Half,
			salesperf.Period{Grain: salesperf.Half, Start: ymd(2026, 2, 1), End: ymd(2026, 8, 1), Year: 2027, Number: 1, Fiscal: true}},
		{"day 28+14", fyFeb, time.Date(2026, 3, 14, 15, 0, 0, 0, time.UTC), salesperf.Day,
			salesperf.Period{Grain: salesperf.Day, Start: ymd(2026, 3, 14), End: ymd(2026, 3, 15), Year: 2027, Number: 42, Fiscal: true}},
		{"1 Feb 2026 is a Sunday: week 1 is 1-7 Feb", fyFeb, time.Date(2026, 3, 14, 15, 0, 0, 0, time.UTC), salesperf.Week,
			salesperf.Period{Grain: salesperf.Week, Start: ymd(2026, 3, 8), End: ymd(2026, 3, 15), Year: 2027, Number: 6, Fiscal: true}},
		{"January is the last month of the year before", fyFeb, time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC), salesperf.Month,
			salesperf.Period{Grain: salesperf.Month, Start: ymd(2026, 1, 1), End: ymd(2026, 2, 1), Year: 2026, Number: 12, Fiscal: true}},
		{"Q4 is Nov-Jan", fyFeb, time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC), salesperf.Quarter,
			salesperf.Period{Grain: salesperf.Quarter, Start: ymd(2025, 11, 1), End: ymd(2026, 2, 1), Year: 2026, Number: 4, Fiscal: true}},
		{"H2 is Aug-Jan", fyFeb, time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC), salesperf.Half,
			salesperf.Period{Grain: salesperf.Half, Start: ymd(2025, 8, 1), End: ymd(2026, 2, 1), Year: 2026, Number: 2, Fiscal: true}},

		// The same, named by the start year.
		{"FY2026 by start year", fyFebStart, time.Date(2026, 3, 14, 15, 0, 0, 0, time.UTC), salesperf.Year,
			salesperf.Period{Grain: salesperf.Year, Start: ymd(2026, 2, 1), End: ymd(2027, 2, 1), Year: 2026, Number: 1, Fiscal: true}},
		{"Q4 by start year", fyFebStart, time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC), salesperf.Quarter,
			salesperf.Period{Grain: salesperf.Quarter, Start: ymd(2025, 11, 1), End: ymd(2026, 2, 1), Year: 2025, Number: 4, Fiscal: true}},

		// Fiscal year from July.
		{"March is P09 of FY2026", fyJul, time.Date(2026, 3, 14, 15, 0, 0, 0, time.UTC), salesperf.Month,
			salesperf.Period{Grain: salesperf.Month, Start: ymd(2026, 3, 1), End: ymd(2026, 4, 1), Year: 2026, Number: 9, Fiscal: true}},
		{"Q3 is Jan-Mar", fyJul, time.Date(2026, 3, 14, 15, 0, 0, 0, time.UTC), salesperf.Quarter,
			salesperf.Period{Grain: salesperf.Quarter, Start: ymd(2026, 1, 1), End: ymd(2026, 4, 1), Year: 2026, Number: 3, Fiscal: true}},
		{"H2 is Jan-Jun", fyJul, time.Date(2026, 3, 14, 15, 0, 0, 0, time.UTC), salesperf.Half,
			salesperf.Period{Grain: salesperf.Half, Start: ymd(2026, 1, 1), End: ymd(2026, 7, 1), Year: 2026, Number: 2, Fiscal: true}},
		{"FY2026 is Jul 2025 - Jun 2026", fyJul, time.Date(2026, 3, 14, 15, 0, 0, 0, time.UTC), salesperf.Year,
			salesperf.Period{Grain: salesperf.Year, Start: ymd(2025, 7, 1), End: ymd(2026, 7, 1), Year: 2026, Number: 1, Fiscal: true}},
		{"1 July starts FY2027", fyJul, time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC), salesperf.Quarter,
			salesperf.Period{Grain: salesperf.Quarter, Start: ymd(2026, 7, 1), End: ymd(2026, 10, 1), Year: 2027, Number: 1, Fiscal: true}},

		// NRF 4-5-4: FY2023 is 29 Jan 2023 - 3 Feb 2024, 53 weeks; the 53rd
		// week makes January (P12) five weeks.
		{"NRF FY2023", nrf454, time.Date(2023, 6, 1, 12, 0, 0, 0, time.UTC), salesperf.Year,
			salesperf.Period{Grain: salesperf.Year, Start: ymd(2023, 1, 29), End: ymd(2024, 2, 4), Year: 2023, Number: 1, Fiscal: true}},
		{"NRF FY2023 week 53", nrf454, time.Date(2024, 2, 3, 12, 0, 0, 0, time.UTC), salesperf.Week,
			salesperf.Period{Grain: salesperf.Week, Start: ymd(2024, 1, 28), End: ymd(2024, 2, 4), Year: 2023, Number: 53, Fiscal: true}},
		{"NRF FY2023 January: 31 Dec - 3 Feb", nrf454, time.Date(2024, 2, 3, 12, 0, 0, 0, time.UTC), salesperf.Month,
			salesperf.Period{Grain: salesperf.Month, Start: ymd(2023, 12, 31), End: ymd(2024, 2, 4), Year: 2023, Number: 12, Fiscal: true}},
		{"NRF FY2023 Q4 is 14 weeks", nrf454, time.Date(2024, 2, 3, 12, 0, 0, 0, time.UTC), salesperf.Quarter,
			salesperf.Period{Grain: salesperf.Quarter, Start: ymd(2023, 10, 29), End: ymd(2024, 2, 4), Year: 2023, Number: 4, Fiscal: true}},
		{"NRF FY2023 H2 is 27 weeks", nrf454, time.Date(2024, 2, 3, 12, 0, 0, 0, time.UTC), salesperf.Half,
			salesperf.Period{Grain: salesperf.Half, Start: ymd(2023, 7, 30), End: ymd(2024, 2, 4), Year: 2023, Number: 2, Fiscal: true}},
		{"NRF FY2023 March: 5 weeks", nrf454, time.Date(2023, 3, 4, 12, 0, 0, 0, time.UTC), salesperf.Month,
			salesperf.Period{Grain: salesperf.Month, Start: ymd(2023, 2, 26), End: ymd(2023, 4, 2), Year: 2023, Number: 2, Fiscal: true}},
		{"NRF FY2023 August", nrf454, time.Date(2023, 8, 27, 0, 0, 0, 0, time.UTC), salesperf.Month,
			salesperf.Period{Grain: salesperf.Month, Start: ymd(2023, 8, 27), End: ymd(2023, 10, 1), Year: 2023, Number: 8, Fiscal: true}},
		{"NRF FY2024 starts 4 Feb 2024", nrf454, time.Date(2024, 2, 4, 0, 0, 0, 0, time.UTC), salesperf.Year,
			salesperf.Period{Grain: salesperf.Year, Start: ymd(2024, 2, 4), End: ymd(2025, 2, 2), Year: 2024, Number: 1, Fiscal: true}},
		{"NRF FY2022 is 52 weeks", nrf454, time.Date(2023, 1, 28, 23, 59, 0, 0, time.UTC), salesperf.Year,
			salesperf.Period{Grain: salesperf.Year, Start: ymd(2022, 1, 30), End: ymd(2023, 1, 29), Year: 2022, Number: 1, Fiscal: true}},
		{"NRF: the last day of a 53-week year is day 371", nrf454, time.Date(2024, 2, 3, 12, 0, 0, 0, time.UTC), salesperf.Day,
			salesperf.Period{Grain: salesperf.Day, Start: ymd(2024, 2, 3), End: ymd(2024, 2, 4), Year: 2023, Number: 371, Fiscal: true}},

		// 5-4-4 on the NRF year, named by the end year.
		{"5-4-4 February: 5 weeks", nrf544, time.Date(2023, 3, 4, 12, 0, 0, 0, time.UTC), salesperf.Month,
			salesperf.Period{Grain: salesperf.Month, Start: ymd(2023, 1, 29), End: ymd(2023, 3, 5), Year: 2024, Number: 1, Fiscal: true}},
		{"5-4-4 P11", nrf544, time.Date(2023, 12, 30, 12, 0, 0, 0, time.UTC), salesperf.Month,
			salesperf.Period{Grain: salesperf.Month, Start: ymd(2023, 12, 3), End: ymd(2023, 12, 31), Year: 2024, Number: 11, Fiscal: true}},
		{"5-4-4 P12 takes the 53rd week", nrf544, time.Date(2023, 12, 31, 12, 0, 0, 0, time.UTC), salesperf.Month,
			salesperf.Period{Grain: salesperf.Month, Start: ymd(2023, 12, 31), End: ymd(2024, 2, 4), Year: 2024, Number: 12, Fiscal: true}},

		// 4-4-5 from Monday, ending on the last Sunday of December.
		{"4-4-5 FY2026 starts Mon 29 Dec 2025", retail445, time.Date(2026, 3, 14, 12, 0, 0, 0, time.UTC), salesperf.Year,
			salesperf.Period{Grain: salesperf.Year, Start: ymd(2025, 12, 29), End: ymd(2026, 12, 28), Year: 2026, Number: 1, Fiscal: true}},
		{"4-4-5 March (P03) is 5 weeks", retail445, time.Date(2026, 3, 14, 12, 0, 0, 0, time.UTC), salesperf.Month,
			salesperf.Period{Grain: salesperf.Month, Start: ymd(2026, 2, 23), End: ymd(2026, 3, 30), Year: 2026, Number: 3, Fiscal: true}},
		{"4-4-5 week 11", retail445, time.Date(2026, 3, 14, 12, 0, 0, 0, time.UTC), salesperf.Week,
			salesperf.Period{Grain: salesperf.Week, Start: ymd(2026, 3, 9), End: ymd(2026, 3, 16), Year: 2026, Number: 11, Fiscal: true}},
		{"4-4-5 FY2023 has 53 weeks: P12 is 6", retail445, time.Date(2023, 12, 31, 12, 0, 0, 0, time.UTC), salesperf.Month,
			salesperf.Period{Grain: salesperf.Month, Start: ymd(2023, 11, 20), End: ymd(2024, 1, 1), Year: 2023, Number: 12, Fiscal: true}},

		// Location: 04:30 UTC on 9 March is still 8 March in New York.
		{"converted to the calendar's location", salesperf.Calendar{Location: mustLoad(t, "America/New_York")},
			time.Date(2026, 3, 9, 3, 30, 0, 0, time.UTC), salesperf.Day,
			salesperf.Period{Grain: salesperf.Day, Start: ymd(2026, 3, 8), End: ymd(2026, 3, 9), Year: 2026, Number: 67}},
	}
	for _, tc := range tests {
		got := tc.cal.PeriodOf(tc.t, tc.grain)
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("%s: PeriodOf(%v, %v) (-want +got):\n%s", tc.reason, tc.t, tc.grain, diff)
		}
		if got := tc.cal.PeriodOfDate(tc.want.Start, tc.grain); got != tc.want {
			t.Errorf("%s: PeriodOfDate(start) = %+v", tc.reason, got)
		}
	}
}

func TestCalendarBounds(t *testing.T) {
	ny := mustLoad(t, "America/New_York")
	berlin := mustLoad(t, "Europe/Berlin")
	tests := []struct {
		reason     string
		cal        salesperf.Calendar
		p          salesperf.Period
		start, end time.Time
		hours      float64
	}{
		{"UTC month", calendarYear, calendarYear.PeriodOfDate(ymd(2026, 2, 10), salesperf.Month),
			time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), 28 * 24},
		{"New York spring forward: 23 hours", salesperf.Calendar{Location: ny}, salesperf.Calendar{Location: ny}.PeriodOfDate(ymd(2026, 3, 8), salesperf.Day),
			time.Date(2026, 3, 8, 5, 0, 0, 0, time.UTC), time.Date(2026, 3, 9, 4, 0, 0, 0, time.UTC), 23},
		{"Berlin fall back: 25 hours", salesperf.Calendar{Location: berlin}, salesperf.Calendar{Location: berlin}.PeriodOfDate(ymd(2026, 10, 25), salesperf.Day),
			time.Date(2026, 10, 24, 22, 0, 0, 0, time.UTC), time.Date(2026, 10, 25, 23, 0, 0, 0, time.UTC), 25},
		{"Berlin spring forward: 23 hours", salesperf.Calendar{Location: berlin}, salesperf.Calendar{Location: berlin}.PeriodOfDate(ymd(2026, 3, 29), salesperf.Day),
			time.Date(2026, 3, 28, 23, 0, 0, 0, time.UTC), time.Date(2026, 3, 29, 22, 0, 0, 0, time.UTC), 23},
		{"New York week with the change: 167 hours", salesperf.Calendar{Location: ny}, salesperf.Calendar{Location: ny}.PeriodOfDate(ymd(2026, 3, 10), salesperf.Week),
			time.Date(2026, 3, 8, 5, 0, 0, 0, time.UTC), time.Date(2026, 3, 15, 4, 0, 0, 0, time.UTC), 167},
	}
	for _, tc := range tests {
		s, e := tc.cal.Bounds(tc.p)
		if !s.Equal(tc.start) || !e.Equal(tc.end) {
			t.Errorf("%s: Bounds(%v) = %v, %v; want %v, %v", tc.reason, tc.p, s, e, tc.start, tc.end)
		}
		if s.Location() != tc.cal.Location && tc.cal.Location != nil {
			t.Errorf("%s: bounds in %v, want the calendar's location", tc.reason, s.Location())
		}
		if h := e.Sub(s).Hours(); h != tc.hours {
			t.Errorf("%s: %v hours, want %v", tc.reason, h, tc.hours)
		}
	}
}

func TestCalendarNextPrev(t *testing.T) {
	tests := []struct {
		reason string
		cal    salesperf.Calendar
		p      salesperf.Period
		want   salesperf.Period
	}{
		{"December to January", calendarYear, calendarYear.PeriodOfDate(ymd(2026, 12, 5), salesperf.Month),
			salesperf.Period{Grain: salesperf.Month, Start: ymd(2027, 1, 1), End: ymd(2027, 2, 1), Year: 2027, Number: 1}},
		{"week 53 to week 1", calendarYear, calendarYear.PeriodOfDate(ymd(2022, 12, 31), salesperf.Week),
			salesperf.Period{Grain: salesperf.Week, Start: ymd(2023, 1, 1), End: ymd(2023, 1, 8), Year: 2023, Number: 1}},
		{"fiscal P12 to P01", fyFeb, fyFeb.PeriodOfDate(ymd(2027, 1, 20), salesperf.Month),
			salesperf.Period{Grain: salesperf.Month, Start: ymd(2027, 2, 1), End: ymd(2027, 3, 1), Year: 2028, Number: 1, Fiscal: true}},
		{"fiscal Q4 to Q1", fyJul, fyJul.PeriodOfDate(ymd(2026, 6, 30), salesperf.Quarter),
			salesperf.Period{Grain: salesperf.Quarter, Start: ymd(2026, 7, 1), End: ymd(2026, 10, 1), Year: 2027, Number: 1, Fiscal: true}},
		{"NRF week 53 to week 1", nrf454, nrf454.PeriodOfDate(ymd(2024, 2, 1), salesperf.Week),
			salesperf.Period{Grain: salesperf.Week, Start: ymd(2024, 2, 4), End: ymd(2024, 2, 11), Year: 2024, Number: 1, Fiscal: true}},
		{"NRF 53-week year to the next", nrf454, nrf454.FiscalYear(2023),
			salesperf.Period{Grain: salesperf.Year, Start: ymd(2024, 2, 4), End: ymd(2025, 2, 2), Year: 2024, Number: 1, Fiscal: true}},
		{"NRF P12 to P01", nrf454, nrf454.PeriodOfDate(ymd(2024, 1, 1), salesperf.Month),
			salesperf.Period{Grain: salesperf.Month, Start: ymd(2024, 2, 4), End: ymd(2024, 3, 3), Year: 2024, Number: 1, Fiscal: true}},
	}
	for _, tc := range tests {
		got := tc.cal.Next(tc.p)
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("%s: Next(%v) (-want +got):\n%s", tc.reason, tc.p, diff)
		}
		if back := tc.cal.Prev(got); back != tc.p {
			t.Errorf("%s: Prev(Next(p)) = %+v, want %+v", tc.reason, back, tc.p)
		}
	}
}

func TestCalendarFiscalYear(t *testing.T) {
	tests := []struct {
		cal        salesperf.Calendar
		name       int
		start, end salesperf.Date
	}{
		{calendarYear, 2026, ymd(2026, 1, 1), ymd(2027, 1, 1)},
		{fyFeb, 2027, ymd(2026, 2, 1), ymd(2027, 2, 1)},
		{fyFebStart, 2026, ymd(2026, 2, 1), ymd(2027, 2, 1)},
		{fyJul, 2026, ymd(2025, 7, 1), ymd(2026, 7, 1)},
		{nrf454, 2023, ymd(2023, 1, 29), ymd(2024, 2, 4)},
		{nrf454, 2017, ymd(2017, 1, 29), ymd(2018, 2, 4)}, // also 53 weeks
		{nrf544, 2024, ymd(2023, 1, 29), ymd(2024, 2, 4)}, // by end year
		{retail445, 2023, ymd(2022, 12, 26), ymd(2024, 1, 1)},
	}
	for _, tc := range tests {
		p := tc.cal.FiscalYear(tc.name)
		if p.Start != tc.start || p.End != tc.end || p.Year != tc.name || p.Grain != salesperf.Year {
			t.Errorf("%+v.FiscalYear(%d) = %+v, want [%v, %v)", tc.cal, tc.name, p, tc.start, tc.end)
		}
	}
}

func TestCalendarPeriods(t *testing.T) {
	ny := mustLoad(t, "America/New_York")
	collect := func(c salesperf.Calendar, from, to time.Time, g salesperf.Grain) []string {
		var out []string
		for p := range c.Periods(from, to, g) {
			out = append(out, p.String())
		}
		return out
	}
	tests := []struct {
		reason   string
		cal      salesperf.Calendar
		from, to time.Time
		grain    salesperf.Grain
		want     []string
	}{
		{"a period starting at to is left out", calendarYear,
			time.Date(2026, 1, 15, 10, 0, 0, 0, time.UTC), time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC), salesperf.Month,
			[]string{"2026-01", "2026-02", "2026-03"}},
		{"one nanosecond into April", calendarYear,
			time.Date(2026, 1, 15, 10, 0, 0, 0, time.UTC), time.Date(2026, 4, 1, 0, 0, 0, 1, time.UTC), salesperf.Month,
			[]string{"2026-01", "2026-02", "2026-03", "2026-04"}},
		{"fiscal quarters over a year end", fyFeb,
			time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), time.Date(2027, 6, 1, 0, 0, 0, 0, time.UTC), salesperf.Quarter,
			[]string{"FY2027 Q4", "FY2028 Q1", "FY2028 Q2"}},
		{"NRF weeks over the 53rd", nrf454,
			time.Date(2024, 1, 21, 0, 0, 0, 0, time.UTC), time.Date(2024, 2, 12, 0, 0, 0, 0, time.UTC), salesperf.Week,
			[]string{"FY2023 W52", "FY2023 W53", "FY2024 W01", "FY2024 W02"}},
		{"days in New York over the spring change", salesperf.Calendar{Location: ny},
			time.Date(2026, 3, 8, 4, 0, 0, 0, time.UTC), time.Date(2026, 3, 9, 4, 0, 0, 0, time.UTC), salesperf.Day,
			[]string{"2026-03-07", "2026-03-08"}},
		{"empty when to equals from", calendarYear,
			time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC), time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC), salesperf.Day, nil},
		{"empty when to is before from", calendarYear,
			time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC), time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), salesperf.Month, nil},
		{"years", calendarYear,
			time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 1, 1, 0, 0, 1, 0, time.UTC), salesperf.Year,
			[]string{"2024", "2025", "2026"}},
	}
	for _, tc := range tests {
		if diff := cmp.Diff(tc.want, collect(tc.cal, tc.from, tc.to, tc.grain)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.reason, diff)
		}
	}
	// Stopping early.
	var n int
	for range calendarYear.Periods(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), salesperf.Day) {
		if n++; n == 3 {
			break
		}
	}
	if n != 3 {
		t.Errorf("break after 3: iterated %d", n)
	}
}

func TestCalendarContains(t *testing.T) {
	ny := mustLoad(t, "America/New_York")
	c := salesperf.Calendar{Location: ny}
	p := c.PeriodOfDate(ymd(2026, 3, 8), salesperf.Day)
	in := []time.Time{time.Date(2026, 3, 8, 5, 0, 0, 0, time.UTC), time.Date(2026, 3, 9, 3, 59, 59, 0, time.UTC)}
	out := []time.Time{time.Date(2026, 3, 8, 4, 59, 59, 0, time.UTC), time.Date(2026, 3, 9, 4, 0, 0, 0, time.UTC)}
	for _, tm := range in {
		if !c.Contains(p, tm) {
			t.Errorf("Contains(%v, %v) = false", p, tm)
		}
	}
	for _, tm := range out {
		if c.Contains(p, tm) {
			t.Errorf("Contains(%v, %v) = true", p, tm)
		}
	}
}

func TestCalendarValidateAndPanics(t *testing.T) {
	bad := []salesperf.Calendar{
		{FiscalYearStart: 13},
		{FiscalYearStart: -1},
		{WeekStart: 7},
		{Naming: 2},
		{Retail: 4},
		{RetailYearEnd: 2},
	}
	for _, c := range bad {
		if err := c.Validate(); !errors.Is(err, salesperf.ErrInvalidValue) {
			t.Errorf("%+v.Validate() = %v, want ErrInvalidValue", c, err)
		}
		mustPanic(t, "PeriodOf on an invalid calendar", func() { c.PeriodOf(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), salesperf.Day) })
	}
	if err := nrf454.Validate(); err != nil {
		t.Errorf("NRF calendar: %v", err)
	}
	mustPanic(t, "grain 0", func() { calendarYear.PeriodOfDate(ymd(2026, 1, 1), 0) })
	mustPanic(t, "grain 7", func() { calendarYear.PeriodOfDate(ymd(2026, 1, 1), 7) })
	mustPanic(t, "Next of the zero Period", func() { calendarYear.Next(salesperf.Period{}) })
	mustPanic(t, "Periods with grain 0", func() { calendarYear.Periods(time.Time{}, time.Time{}, 0) })
}

func mustPanic(t *testing.T, what string, f func()) {
	t.Helper()
	defer func() {
		if recover() == nil {
			t.Errorf("%s: did not panic", what)
		}
	}()
	f()
}

func TestPeriodOfDoesNotAllocate(t *testing.T) {
	c := salesperf.Calendar{FiscalYearStart: time.February, Location: mustLoad(t, "America/New_York"), Retail: salesperf.Retail454}
	tm := time.Date(2026, 3, 14, 15, 0, 0, 0, time.UTC)
	grains := []salesperf.Grain{salesperf.Day, salesperf.Week, salesperf.Month, salesperf.Quarter, salesperf.Year}
	if n := testing.AllocsPerRun(100, func() {
		for _, g := range grains {
			_ = c.PeriodOf(tm, g)
		}
	}); n != 0 {
		t.Errorf("PeriodOf allocates %v times", n)
	}
}

func BenchmarkPeriodOf(b *testing.B) {
	ny := mustLoad(b, "America/New_York")
	cals := []struct {
		name string
		cal  salesperf.Calendar
	}{
		{"calendar-year", salesperf.Calendar{Location: ny}},
		{"fiscal-feb", salesperf.Calendar{FiscalYearStart: time.February, Location: ny}},
		{"retail-454", salesperf.Calendar{FiscalYearStart: time.February, Location: ny, Retail: salesperf.Retail454, RetailYearEnd: salesperf.NearestWeekday}},
	}
	times := make([]time.Time, 1024)
	for i := range times {
		times[i] = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * 1009 * time.Minute) // about two years
	}
	for _, c := range cals {
		for _, g := range []salesperf.Grain{salesperf.Week, salesperf.Month} {
			b.Run(c.name+"/"+g.String(), func(b *testing.B) {
				b.ReportAllocs()
				i := 0
				for b.Loop() {
					_ = c.cal.PeriodOf(times[i&1023], g)
					i++
				}
			})
		}
	}
}

// sortedUnique is used by property tests to check that periods are distinct.
func sortedUnique(ps []salesperf.Period) bool {
	return slices.IsSortedFunc(ps, func(a, b salesperf.Period) int { return a.Compare(b) }) &&
		len(slices.CompactFunc(slices.Clone(ps), func(a, b salesperf.Period) bool { return a == b })) == len(ps)
}

// TestRetailMondayJanuary checks retail calendars whose year starts in
// January with weeks from Monday, so years end on a Sunday in or near
// December. Hand-computed: 31 December is a Wednesday in 2025, a Thursday
// in 2026, a Friday in 2027 and a Sunday in 2028.
//
// Nearest Sunday: FY2026 is 2025-12-29 – 2027-01-03 (53 weeks), FY2027
// 2027-01-04 – 2028-01-02 (52 weeks). Last Sunday: FY2026 is 2025-12-29 –
// 2026-12-27, FY2027 2026-12-28 – 2027-12-26 (52 weeks each), FY2028
// 2027-12-27 – 2028-12-31 (53 weeks).
func TestRetailMondayJanuary(t *testing.T) {
	berlin := mustLoad(t, "Europe/Berlin")
	nearest := salesperf.Calendar{FiscalYearStart: time.January, WeekStart: time.Monday, Retail: salesperf.Retail445, RetailYearEnd: salesperf.NearestWeekday, Location: berlin}
	last := salesperf.Calendar{WeekStart: time.Monday, Retail: salesperf.Retail445}
	P := func(g salesperf.Grain, s, e salesperf.Date, y, n int) salesperf.Period {
		return salesperf.Period{Grain: g, Start: s, End: e, Year: y, Number: n, Fiscal: true}
	}
	W, M, Q, H, Y, D := salesperf.Week, salesperf.Month, salesperf.Quarter, salesperf.Half, salesperf.Year, salesperf.Day
	tests := []struct {
		reason string
		cal    salesperf.Calendar
		d      salesperf.Date
		g      salesperf.Grain
		want   salesperf.Period
	}{
		{"nearest: first day of FY2026", nearest, ymd(2025, 12, 29), Y, P(Y, ymd(2025, 12, 29), ymd(2027, 1, 4), 2026, 1)},
		{"nearest: 28 December 2025 is in FY2025", nearest, ymd(2025, 12, 28), W, P(W, ymd(2025, 12, 22), ymd(2025, 12, 29), 2025, 52)},
		{"nearest: 1 January 2027 is week 53 of FY2026", nearest, ymd(2027, 1, 1), W, P(W, ymd(2026, 12, 28), ymd(2027, 1, 4), 2026, 53)},
		{"nearest: day 371", nearest, ymd(2027, 1, 3), D, P(D, ymd(2027, 1, 3), ymd(2027, 1, 4), 2026, 371)},
		{"nearest: P12 takes the 53rd week (4+4+5+1 weeks)", nearest, ymd(2027, 1, 3), M, P(M, ymd(2026, 11, 23), ymd(2027, 1, 4), 2026, 12)},
		{"nearest: P11", nearest, ymd(2026, 11, 22), M, P(M, ymd(2026, 10, 26), ymd(2026, 11, 23), 2026, 11)},
		{"nearest: Q4 has 14 weeks", nearest, ymd(2027, 1, 3), Q, P(Q, ymd(2026, 9, 28), ymd(2027, 1, 4), 2026, 4)},
		{"nearest: H2 has 27 weeks", nearest, ymd(2027, 1, 3), H, P(H, ymd(2026, 6, 29), ymd(2027, 1, 4), 2026, 2)},
		{"nearest: P01 of FY2027", nearest, ymd(2027, 1, 4), M, P(M, ymd(2027, 1, 4), ymd(2027, 2, 1), 2027, 1)},
		{"nearest: FY2027", nearest, ymd(2027, 6, 1), Y, P(Y, ymd(2027, 1, 4), ymd(2028, 1, 3), 2027, 1)},
		{"last: FY2026", last, ymd(2026, 12, 27), Y, P(Y, ymd(2025, 12, 29), ymd(2026, 12, 28), 2026, 1)},
		{"last: 31 December 2026 is in week 1 of FY2027", last, ymd(2026, 12, 31), W, P(W, ymd(2026, 12, 28), ymd(2027, 1, 4), 2027, 1)},
		{"last: P12 of FY2026 is 5 weeks", last, ymd(2026, 12, 27), M, P(M, ymd(2026, 11, 23), ymd(2026, 12, 28), 2026, 12)},
		{"last: FY2028 has 53 weeks", last, ymd(2028, 12, 31), Y, P(Y, ymd(2027, 12, 27), ymd(2029, 1, 1), 2028, 1)},
		{"last: week 53 of FY2028", last, ymd(2028, 12, 31), W, P(W, ymd(2028, 12, 25), ymd(2029, 1, 1), 2028, 53)},
	}
	for _, tc := range tests {
		got := tc.cal.PeriodOfDate(tc.d, tc.g)
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("%s: PeriodOfDate(%v, %v) (-want +got):\n%s", tc.reason, tc.d, tc.g, diff)
		}
	}
	// Instants are taken in the calendar's location: 23:30 on 3 January
	// 2027 in Berlin is the last day of FY2026, though UTC says 22:30.
	if got := nearest.PeriodOf(time.Date(2027, 1, 3, 23, 30, 0, 0, berlin), W); got.Number != 53 || got.Year != 2026 {
		t.Errorf("PeriodOf(2027-01-03 23:30 Berlin, week) = %v, want FY2026 W53", got)
	}
	if got := nearest.PeriodOf(time.Date(2027, 1, 3, 23, 30, 0, 0, berlin).UTC().Add(time.Hour), W); got.Number != 1 || got.Year != 2027 {
		t.Errorf("PeriodOf(2027-01-04 00:30 Berlin, week) = %v, want FY2027 W01", got)
	}
	if got, want := nearest.PeriodOfDate(ymd(2027, 1, 3), M).String(), "FY2026 P12"; got != want {
		t.Errorf("label %q, want %q", got, want)
	}
}

// TestNextPrevAcross53WeekYears walks Next and Prev over years with 53
// weeks, in retail and Gregorian calendars, at every grain.
func TestNextPrevAcross53WeekYears(t *testing.T) {
	nearest := salesperf.Calendar{WeekStart: time.Monday, Retail: salesperf.Retail445, RetailYearEnd: salesperf.NearestWeekday}
	last := salesperf.Calendar{WeekStart: time.Monday, Retail: salesperf.Retail544}
	isoLike := salesperf.Calendar{WeekStart: time.Monday}
	P := func(g salesperf.Grain, s, e salesperf.Date, y, n int, fiscal bool) salesperf.Period {
		return salesperf.Period{Grain: g, Start: s, End: e, Year: y, Number: n, Fiscal: fiscal}
	}
	W, M, Q, H, Y := salesperf.Week, salesperf.Month, salesperf.Quarter, salesperf.Half, salesperf.Year
	tests := []struct {
		reason  string
		cal     salesperf.Calendar
		p, next salesperf.Period
	}{
		{"retail week 53 to week 1", nearest, P(W, ymd(2026, 12, 28), ymd(2027, 1, 4), 2026, 53, true), P(W, ymd(2027, 1, 4), ymd(2027, 1, 11), 2027, 1, true)},
		{"retail week 52 to week 53", nearest, P(W, ymd(2026, 12, 21), ymd(2026, 12, 28), 2026, 52, true), P(W, ymd(2026, 12, 28), ymd(2027, 1, 4), 2026, 53, true)},
		{"retail long P12 to P01", nearest, P(M, ymd(2026, 11, 23), ymd(2027, 1, 4), 2026, 12, true), P(M, ymd(2027, 1, 4), ymd(2027, 2, 1), 2027, 1, true)},
		{"retail long Q4 to Q1", nearest, P(Q, ymd(2026, 9, 28), ymd(2027, 1, 4), 2026, 4, true), P(Q, ymd(2027, 1, 4), ymd(2027, 4, 5), 2027, 1, true)},
		{"retail long H2 to H1", nearest, P(H, ymd(2026, 6, 29), ymd(2027, 1, 4), 2026, 2, true), P(H, ymd(2027, 1, 4), ymd(2027, 7, 5), 2027, 1, true)},
		{"retail 53-week year to the next", nearest, P(Y, ymd(2025, 12, 29), ymd(2027, 1, 4), 2026, 1, true), P(Y, ymd(2027, 1, 4), ymd(2028, 1, 3), 2027, 1, true)},
		{"5-4-4 long P12 (4+1 weeks) to P01 (5 weeks)", last, P(M, ymd(2028, 11, 27), ymd(2029, 1, 1), 2028, 12, true), P(M, ymd(2029, 1, 1), ymd(2029, 2, 5), 2029, 1, true)},
		{"Gregorian week 53 to week 1", isoLike, P(W, ymd(2028, 12, 25), ymd(2029, 1, 1), 2028, 53, false), P(W, ymd(2029, 1, 1), ymd(2029, 1, 8), 2029, 1, false)},
		{"Gregorian week 52 to 53", isoLike, P(W, ymd(2028, 12, 18), ymd(2028, 12, 25), 2028, 52, false), P(W, ymd(2028, 12, 25), ymd(2029, 1, 1), 2028, 53, false)},
		{"Gregorian last week of a 52-week year is week 1 of the next", isoLike, P(W, ymd(2026, 12, 21), ymd(2026, 12, 28), 2026, 52, false), P(W, ymd(2026, 12, 28), ymd(2027, 1, 4), 2027, 1, false)},
	}
	for _, tc := range tests {
		if got := tc.cal.PeriodOfDate(tc.p.Start, tc.p.Grain); got != tc.p {
			t.Errorf("%s: the period of %v is %+v, want %+v", tc.reason, tc.p.Start, got, tc.p)
		}
		if diff := cmp.Diff(tc.next, tc.cal.Next(tc.p)); diff != "" {
			t.Errorf("%s: Next (-want +got):\n%s", tc.reason, diff)
		}
		if diff := cmp.Diff(tc.p, tc.cal.Prev(tc.next)); diff != "" {
			t.Errorf("%s: Prev (-want +got):\n%s", tc.reason, diff)
		}
	}
}
