package salesperf_test

import (
	"fmt"
	"time"

	"github.com/salesperf/salesperf"
)

func ExampleCalendar() {
	ny, _ := time.LoadLocation("America/New_York")
	// A fiscal year from February, named by the year it ends in.
	cal := salesperf.Calendar{FiscalYearStart: time.February, Location: ny}
	closed := time.Date(2026, 3, 14, 15, 0, 0, 0, ny)
	for _, g := range []salesperf.Grain{salesperf.Year, salesperf.Quarter, salesperf.Month, salesperf.Week, salesperf.Day} {
		p := cal.PeriodOf(closed, g)
		fmt.Printf("%-7v %-10v %v – %v\n", g, p, p.Start, p.End.AddDays(-1))
	}
	// Output:
	// year    FY2027     2026-02-01 – 2027-01-31
	// quarter FY2027 Q1  2026-02-01 – 2026-04-30
	// month   FY2027 P02 2026-03-01 – 2026-03-31
	// week    FY2027 W06 2026-03-08 – 2026-03-14
	// day     2026-03-14 2026-03-14 – 2026-03-14
}

func ExampleCalendar_retail() {
	// The NRF 4-5-4 calendar: years end on the Saturday nearest 31 January
	// and are named by the year they start in.
	nrf := salesperf.Calendar{
		FiscalYearStart: time.February,
		Naming:          salesperf.NameByStartYear,
		Retail:          salesperf.Retail454,
		RetailYearEnd:   salesperf.NearestWeekday,
	}
	fy := nrf.FiscalYear(2023)
	fmt.Println(fy, fy.Start, "to", fy.End.AddDays(-1), fy.Days()/7, "weeks")
	last := nrf.PeriodOfDate(fy.End.AddDays(-1), salesperf.Month)
	fmt.Println(last, last.Start, "to", last.End.AddDays(-1), last.Days()/7, "weeks")
	// Output:
	// FY2023 2023-01-29 to 2024-02-03 53 weeks
	// FY2023 P12 2023-12-31 to 2024-02-03 5 weeks
}

func ExamplePeriod() {
	berlin, _ := time.LoadLocation("Europe/Berlin")
	cal := salesperf.Calendar{Location: berlin, WeekStart: time.Monday}
	p := cal.PeriodOf(time.Date(2026, 10, 22, 9, 0, 0, 0, berlin), salesperf.Week)
	for range 2 {
		start, end := cal.Bounds(p)
		fmt.Println(p, start.Format(time.RFC3339), end.Format(time.RFC3339), end.Sub(start))
		p = cal.Next(p)
	}
	// Output:
	// 2026 W43 2026-10-19T00:00:00+02:00 2026-10-26T00:00:00+01:00 169h0m0s
	// 2026 W44 2026-10-26T00:00:00+01:00 2026-11-02T00:00:00+01:00 168h0m0s
}

func ExampleCalendar_Periods() {
	cal := salesperf.Calendar{FiscalYearStart: time.July}
	from := time.Date(2026, 5, 15, 0, 0, 0, 0, time.UTC)
	to := time.Date(2026, 8, 1, 0, 0, 0, 0, time.UTC) // August starts at to: not included
	for p := range cal.Periods(from, to, salesperf.Month) {
		fmt.Println(p, p.Start)
	}
	// Output:
	// FY2026 P11 2026-05-01
	// FY2026 P12 2026-06-01
	// FY2027 P01 2026-07-01
}

func ExampleBusinessHours_Elapsed() {
	ny, _ := time.LoadLocation("America/New_York")
	hours := salesperf.BusinessHours{Location: ny}     // Monday to Friday, 9:00 to 17:00
	created := time.Date(2026, 3, 6, 16, 30, 0, 0, ny) // Friday
	answered := time.Date(2026, 3, 9, 10, 0, 0, 0, ny) // Monday
	fmt.Println(hours.Elapsed(created, answered))
	fmt.Println(answered.Sub(created))
	// Output:
	// 1h30m0s
	// 64h30m0s
}

func ExampleBusinessHours_Add() {
	ny, _ := time.LoadLocation("America/New_York")
	hours := salesperf.BusinessHours{
		Location: ny,
		Holidays: []salesperf.Date{{Year: 2026, Month: time.July, Day: 3}},
	}
	created := time.Date(2026, 7, 2, 15, 0, 0, 0, ny)
	// A four-working-hour SLA skips the holiday and the weekend.
	fmt.Println(hours.Add(created, 4*time.Hour))
	// Output:
	// 2026-07-06 11:00:00 -0400 EDT
}

func ExampleParseDate() {
	d, err := salesperf.ParseDate("2026-03-14")
	fmt.Println(d, d.Weekday(), d.AddMonths(-1), err)
	_, err = salesperf.ParseDate("2026-02-30")
	fmt.Println(err)
	// Output:
	// 2026-03-14 Saturday 2026-02-14 <nil>
	// salesperf: parse date "2026-02-30": no such day: invalid syntax
}
