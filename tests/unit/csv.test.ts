import { describe, expect, it } from "vitest";
import { csvField, decodeCsv, parseCsv, toCsv } from "../../functions/core/csv.js";

describe("CSV", () => {
  it("parses quotes, escaped quotes, commas and newlines inside fields, CRLF and a BOM", () => {
    expect(parseCsv('\ufeffa,b\r\n"x, y","he said ""hi"""\r\n"two\nlines",\n')).toEqual([
      ["a", "b"],
      ["x, y", 'he said "hi"'],
      ["two\nlines", ""],
    ]);
  });

  it("drops blank lines", () => {
    expect(parseCsv("a\n\n\nb\n")).toEqual([["a"], ["b"]]);
  });

  it("decodes UTF-8, UTF-16 and GBK files", () => {
    expect(decodeCsv(new TextEncoder().encode("手机号,姓名"))).toEqual({ text: "手机号,姓名", encoding: "utf-8" });
    const utf16 = new Uint8Array([
      0xff,
      0xfe,
      ...[..."姓名"].flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8]),
    ]);
    expect(decodeCsv(utf16)).toEqual({ text: "姓名", encoding: "utf-16le" });
    // "姓名" in GBK is D0 D5 C3 FB.
    expect(decodeCsv(new Uint8Array([0xd0, 0xd5, 0xc3, 0xfb]))).toEqual({ text: "姓名", encoding: "gb18030" });
  });

  it("writes fields spreadsheets cannot run as formulas, but keeps phone numbers", () => {
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvField("-2+3")).toBe("'-2+3");
    expect(csvField("+8613800138000")).toBe("+8613800138000");
    expect(csvField('a "b", c')).toBe('"a ""b"", c"');
  });

  it("round-trips what it writes", () => {
    const rows = [
      ["a", "b,c"],
      ['"q"', "line\nbreak"],
    ];
    expect(parseCsv(toCsv(rows))).toEqual(rows);
  });
});
