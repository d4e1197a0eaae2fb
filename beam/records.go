package beam

import (
	"encoding/json"
	"reflect"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/metrics"
)

// The salesperf record types hold Money, whose fields are unexported, so
// Beam's default schema coder cannot encode them: they are coded as JSON
// (exact: Money marshals as "1234.50 USD"), by value and by pointer.
// Sum, Money and Histogram, which results hold, are coded the same way.
// Each coder needs its own named functions, hence the repetition.

func encDeal(d sp.Deal) ([]byte, error)           { return json.Marshal(d) }
func decDeal(b []byte) (d sp.Deal, err error)     { err = json.Unmarshal(b, &d); return }
func encDealPtr(d *sp.Deal) ([]byte, error)       { return json.Marshal(d) }
func decDealPtr(b []byte) (d *sp.Deal, err error) { err = json.Unmarshal(b, &d); return }
func encActivity(a sp.Activity) ([]byte, error)   { return json.Marshal(a) }
func decActivity(b []byte) (a sp.Activity, err error) {
	err = json.Unmarshal(b, &a)
	return
}
func encActivityPtr(a *sp.Activity) ([]byte, error) { return json.Marshal(a) }
func decActivityPtr(b []byte) (a *sp.Activity, err error) {
	err = json.Unmarshal(b, &a)
	return
}
func encLead(l sp.Lead) ([]byte, error)           { return json.Marshal(l) }
func decLead(b []byte) (l sp.Lead, err error)     { err = json.Unmarshal(b, &l); return }
func encLeadPtr(l *sp.Lead) ([]byte, error)       { return json.Marshal(l) }
func decLeadPtr(b []byte) (l *sp.Lead, err error) { err = json.Unmarshal(b, &l); return }
func encSubscription(s sp.Subscription) ([]byte, error) {
	return json.Marshal(s)
}
func decSubscription(b []byte) (s sp.Subscription, err error) {
	err = json.Unmarshal(b, &s)
	return
}
func encSubscriptionPtr(s *sp.Subscription) ([]byte, error) { return json.Marshal(s) }
func decSubscriptionPtr(b []byte) (s *sp.Subscription, err error) {
	err = json.Unmarshal(b, &s)
	return
}
func encSum(s sp.Sum) ([]byte, error)                  { return json.Marshal(s) }
func decSum(b []byte) (s sp.Sum, err error)            { err = json.Unmarshal(b, &s); return }
func encMoney(m sp.Money) ([]byte, error)              { return m.MarshalText() }
func decMoney(b []byte) (m sp.Money, err error)        { err = m.UnmarshalText(b); return }
func encHistogram(h metrics.Histogram) ([]byte, error) { return json.Marshal(h) }
func decHistogram(b []byte) (h metrics.Histogram, err error) {
	err = json.Unmarshal(b, &h)
	return
}

func init() {
	beam.RegisterCoder(reflect.TypeFor[sp.Deal](), encDeal, decDeal)
	beam.RegisterCoder(reflect.TypeFor[*sp.Deal](), encDealPtr, decDealPtr)
	beam.RegisterCoder(reflect.TypeFor[sp.Activity](), encActivity, decActivity)
	beam.RegisterCoder(reflect.TypeFor[*sp.Activity](), encActivityPtr, decActivityPtr)
	beam.RegisterCoder(reflect.TypeFor[sp.Lead](), encLead, decLead)
	beam.RegisterCoder(reflect.TypeFor[*sp.Lead](), encLeadPtr, decLeadPtr)
	beam.RegisterCoder(reflect.TypeFor[sp.Subscription](), encSubscription, decSubscription)
	beam.RegisterCoder(reflect.TypeFor[*sp.Subscription](), encSubscriptionPtr, decSubscriptionPtr)
	beam.RegisterCoder(reflect.TypeFor[sp.Sum](), encSum, decSum)
	beam.RegisterCoder(reflect.TypeFor[sp.Money](), encMoney, decMoney)
	beam.RegisterCoder(reflect.TypeFor[metrics.Histogram](), encHistogram, decHistogram)
}
