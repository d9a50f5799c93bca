package corpus

import (
	"reflect"
	"strings"
	"testing"

	"github.com/longbridgeapp/opencc"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// TestDecodeDetects encodes texts in each supported encoding and checks that decode finds the
// encoding and gives back the text, without being told.
func TestDecodeDetects(t *testing.T) {
	t2s, err := opencc.New("s2t")
	if err != nil {
		t.Fatal(err)
	}
	simplified := string(builtinText)
	traditional, err := t2s.Convert(simplified)
	if err != nil {
		t.Fatal(err)
	}
	short := "本报讯 今天下雨。"
	shortTrad := "兩岸青年交流週開幕。"
	tests := []struct {
		name, text string
		enc        encoding.Encoding
		bom        []byte
		want       string
	}{
		{"builtin GBK", simplified, simplifiedchinese.GBK, nil, EncGB18030},
		{"builtin GB18030", simplified + "𠮷䶮", simplifiedchinese.GB18030, nil, EncGB18030},
		{"builtin traditional Big5", traditional, traditionalchinese.Big5, nil, EncBig5},
		{"builtin UTF-16LE no BOM", simplified, utf16le, nil, EncUTF16LE},
		{"builtin UTF-16BE no BOM", simplified, utf16be, nil, EncUTF16BE},
		{"builtin UTF-16BE BOM", simplified, utf16be, []byte{0xFE, 0xFF}, EncUTF16BE},
		{"traditional GB18030", traditional, simplifiedchinese.GB18030, nil, EncGB18030},
		{"short GBK", short, simplifiedchinese.GBK, nil, EncGB18030},
		{"short Big5", shortTrad, traditionalchinese.Big5, nil, EncBig5},
		{"CJK-only UTF-16LE", "兩岸青年交流週開幕武进区政府与内蒙古", utf16le, nil, EncUTF16LE},
	}
	t.Run("UTF-8 with one damaged byte", func(t *testing.T) {
		data := append([]byte(nil), builtinText...)
		data[100] = 0xFF
		got, enc, err := decode(data)
		if err != nil || enc != EncUTF8 || !strings.Contains(got, "\uFFFD") {
			t.Errorf("decode = %s, %v; want UTF-8 with the damage marked", enc, err)
		}
	})
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			text, data := encodable(tc.enc, tc.text)
			tc.text = text
			got, enc, err := decode(append(tc.bom, data...))
			if err != nil {
				t.Fatalf("decode: %v", err)
			}
			if enc != tc.want || got != tc.text {
				t.Errorf("decode = %s, text equal %v; want %s and the same text", enc, got == tc.text, tc.want)
			}
		})
	}
}

// encodable encodes what of s the encoding can hold (Big5 lacks a few characters) and returns
// that text and its bytes.
func encodable(enc encoding.Encoding, s string) (string, []byte) {
	var kept []rune
	var out []byte
	e := enc.NewEncoder()
	for _, r := range s {
		b, err := e.Bytes([]byte(string(r)))
		if err != nil {
			continue
		}
		kept = append(kept, r)
		out = append(out, b...)
	}
	return string(kept), out
}

// TestBuiltinInEveryEncoding parses the built-in edition written in each supported encoding (and
// with CRLF line ends and a BOM): the articles must be the same as from the UTF-8 original.
func TestBuiltinInEveryEncoding(t *testing.T) {
	want, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	crlf := strings.ReplaceAll(string(builtinText), "\n", "\r\n")
	tests := []struct {
		name string
		data func() ([]byte, error)
	}{
		{"UTF-8 BOM CRLF", func() ([]byte, error) { return append([]byte("\uFEFF"), crlf...), nil }},
		{"GBK", func() ([]byte, error) { return simplifiedchinese.GBK.NewEncoder().Bytes(builtinText) }},
		{"GB18030 CRLF", func() ([]byte, error) { return simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(crlf)) }},
		{"UTF-16LE BOM", func() ([]byte, error) {
			b, err := utf16le.NewEncoder().Bytes(builtinText)
			return append([]byte{0xFF, 0xFE}, b...), err
		}},
		{"UTF-16BE", func() ([]byte, error) { return utf16be.NewEncoder().Bytes(builtinText) }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data, err := tc.data()
			if err != nil {
				t.Fatal(err)
			}
			got, err := Parse(BuiltinName, data, Meta{})
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if !reflect.DeepEqual(got.Articles, want.Articles) {
				t.Errorf("articles differ from the UTF-8 original (encoding %s)", got.Encoding)
			}
		})
	}
}
