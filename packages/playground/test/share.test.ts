import { describe, expect, it } from 'vitest';
import { decodeBase64Url, encodeBase64Url, formatHash, offsetAt, parseHash } from '../src/share.js';

describe('shareable links', () => {
  it('encodes UTF-8 text as unpadded base64url and reads it back', () => {
    // "ü" is two UTF-8 bytes; ">?" gives "+" and "/" in plain base64.
    expect(encodeBase64Url('ü>?')).toBe('w7w-Pw');
    expect(decodeBase64Url('w7w-Pw')).toBe('ü>?');
    const text = '{\r\n  "Sid": "Zoë 🔐",\n  "Action": "*"\n}';
    expect(decodeBase64Url(encodeBase64Url(text))).toBe(text);
  });

  it('refuses what is not base64url of UTF-8', () => {
    expect(decodeBase64Url('a+b/')).toBeUndefined(); // plain base64 alphabet
    expect(decodeBase64Url('abcde')).toBeUndefined(); // impossible length
    expect(decodeBase64Url('_w')).toBeUndefined(); // byte 0xff: not UTF-8
  });

  it('writes and reads #policy=...&bucket=...', () => {
    const hash = formatHash({ policy: '{"Statement": []}', bucket: 'my-s3-bucket-09-01-2023' });
    expect(hash).toBe(`#policy=${encodeBase64Url('{"Statement": []}')}&bucket=my-s3-bucket-09-01-2023`);
    expect(parseHash(hash)).toEqual({ policy: '{"Statement": []}', bucket: 'my-s3-bucket-09-01-2023' });
    expect(formatHash({ policy: '' })).toBe('#policy=');
    expect(formatHash({})).toBe('');
    expect(parseHash('#bucket=a%2Cb&other=1')).toEqual({ bucket: 'a,b' });
  });

  it('names a mangled link and keeps what it could read', () => {
    expect(parseHash('#policy=%%%&bucket=b')).toEqual({
      bucket: 'b',
      error: "the link's policy is not base64url-encoded UTF-8 text",
    });
    expect(parseHash('#bucket=%E0%A4%A')).toEqual({ error: "the link's bucket is not a valid URI component" });
  });
});

describe('offsetAt', () => {
  const text = 'ab\r\ncd\ref\ngh';
  it("turns the core's 1-based line:column into an offset over \\n, \\r\\n and \\r", () => {
    expect(offsetAt(text, 1, 1)).toBe(0);
    expect(offsetAt(text, 2, 2)).toBe(5);
    expect(offsetAt(text, 3, 1)).toBe(7);
    expect(offsetAt(text, 4, 2)).toBe(11);
  });
  it('clamps past the end of a line or of the text', () => {
    expect(offsetAt(text, 1, 40)).toBe(2);
    expect(offsetAt(text, 9, 1)).toBe(text.length);
  });
});
