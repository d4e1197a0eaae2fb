package beam

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"reflect"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
)

// Accumulator is the partial state a [CombineFn] passes between Beam
// stages: an aggregator's state S and the name the aggregator is
// registered under, which the coder needs to find the state's decoder.
//
// Its byte form is the name's length as a uvarint, the name, then the
// state in the form its registration chose (MarshalBinary, JSON, or the
// codec given to [RegisterCodec]).
type Accumulator[S any] struct {
	name  string
	State S
}

// stateCoder is implemented by every *Accumulator[S]; one coder,
// registered for this interface, encodes them all. (A coder per S would
// need a distinct function per instantiation, which Beam's function
// registry cannot tell apart.)
type stateCoder interface {
	encodeState() ([]byte, error)
	decodeState(b []byte) error
}

func (a *Accumulator[S]) encodeState() ([]byte, error) {
	registry.RLock()
	e, ok := registry.m[a.name]
	registry.RUnlock()
	if !ok {
		return nil, fmt.Errorf("beam: encode accumulator: aggregator %q is not registered", a.name)
	}
	enc, ok := e.(interface{ encodeAny(any) ([]byte, error) })
	if !ok {
		return nil, fmt.Errorf("beam: encode accumulator: %q has no codec", a.name)
	}
	s, err := enc.encodeAny(&a.State)
	if err != nil {
		return nil, fmt.Errorf("beam: encode accumulator %q: %w", a.name, err)
	}
	b := binary.AppendUvarint(make([]byte, 0, len(a.name)+len(s)+2), uint64(len(a.name)))
	b = append(b, a.name...)
	return append(b, s...), nil
}

func (a *Accumulator[S]) decodeState(b []byte) error {
	n, k := binary.Uvarint(b)
	if k <= 0 || uint64(len(b)-k) < n {
		return errors.New("beam: decode accumulator: truncated name")
	}
	name := string(b[k : k+int(n)])
	registry.RLock()
	e, ok := registry.m[name]
	registry.RUnlock()
	if !ok {
		return fmt.Errorf("beam: decode accumulator: aggregator %q is not registered", name)
	}
	dec, ok := e.(interface{ decodeAny([]byte) (any, error) })
	if !ok {
		return fmt.Errorf("beam: decode accumulator: %q has no codec", name)
	}
	s, err := dec.decodeAny(b[k+int(n):])
	if err != nil {
		return fmt.Errorf("beam: decode accumulator %q: %w", name, err)
	}
	st, ok := s.(*S)
	if !ok {
		return fmt.Errorf("beam: decode accumulator %q: state is %T, not %T", name, s, st)
	}
	a.name, a.State = name, *st
	return nil
}

func (e *entry[T, S, R]) encodeAny(s any) ([]byte, error) { return e.encode(s.(*S)) }

func (e *entry[T, S, R]) decodeAny(b []byte) (any, error) {
	s, err := e.decode(b)
	if err != nil {
		return nil, err
	}
	return &s, nil
}

func encodeAccumulator(a stateCoder) ([]byte, error) { return a.encodeState() }

func decodeAccumulator(t reflect.Type, b []byte) (stateCoder, error) {
	if t.Kind() != reflect.Pointer {
		return nil, fmt.Errorf("beam: decode accumulator: %v is not a pointer type", t)
	}
	a := reflect.New(t.Elem()).Interface().(stateCoder)
	if err := a.decodeState(bytes.Clone(b)); err != nil {
		return nil, err
	}
	return a, nil
}

func init() {
	beam.RegisterCoder(reflect.TypeFor[stateCoder](), encodeAccumulator, decodeAccumulator)
}
