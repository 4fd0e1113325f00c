using System;
using System.Collections;
using System.Text;

namespace NordicIoT.Device.App.Board
{
    /// <summary>Reads a JSON object of plain values into a Hashtable: strings, whole numbers (as long), true/false; null leaves the key out.</summary>
    /// <remarks>
    /// Enough for the small files provisioning writes, without a reflection-based JSON library on the board. Nested
    /// objects, arrays, fractions and repeated keys are refused with the position of the problem.
    /// </remarks>
    public sealed class FlatJson
    {
        // What ReadValue returns for a JSON null: the key is then left out.
        private static readonly object JsonNull = new object();

        private readonly string _text;
        private int _at;

        private FlatJson(string text)
        {
            _text = text;
        }

        /// <summary>The object's keys and values; throws an ArgumentException naming the character where the text stops being such an object.</summary>
        public static Hashtable Parse(string text)
        {
            if (text == null)
            {
                throw new ArgumentNullException(nameof(text));
            }

            return new FlatJson(text).ReadDocument();
        }

        private Hashtable ReadDocument()
        {
            var fields = new Hashtable();
            SkipSpace();
            Expect('{');
            SkipSpace();
            if (Peek() == '}')
            {
                _at++;
            }
            else
            {
                ReadMembers(fields);
            }

            SkipSpace();
            if (_at < _text.Length)
            {
                throw Error("nothing may follow the object");
            }

            return fields;
        }

        private void ReadMembers(Hashtable fields)
        {
            while (true)
            {
                int keyAt = _at;
                if (Peek() != '"')
                {
                    throw Error("expected a quoted key");
                }

                string key = ReadString();
                SkipSpace();
                Expect(':');
                SkipSpace();
                object value = ReadValue();
                if (fields.Contains(key))
                {
                    _at = keyAt;
                    throw Error("key \"" + key + "\" appears twice");
                }

                if (value != JsonNull)
                {
                    fields.Add(key, value);
                }

                SkipSpace();
                char next = Peek();
                _at++;
                if (next == '}')
                {
                    return;
                }

                if (next != ',')
                {
                    _at--;
                    throw Error("expected ',' or '}'");
                }

                SkipSpace();
            }
        }

        private object ReadValue()
        {
            char c = Peek();
            switch (c)
            {
                case '"':
                    return ReadString();
                case 't':
                    ExpectWord("true");
                    return true;
                case 'f':
                    ExpectWord("false");
                    return false;
                case 'n':
                    ExpectWord("null");
                    return JsonNull;
                case '{':
                case '[':
                    throw Error("nested objects and arrays are not supported");
                default:
                    if (c == '-' || (c >= '0' && c <= '9'))
                    {
                        return ReadWholeNumber();
                    }

                    throw Error("expected a value");
            }
        }

        private string ReadString()
        {
            _at++;
            var text = new StringBuilder();
            while (true)
            {
                if (_at >= _text.Length)
                {
                    throw Error("the string is not closed");
                }

                char c = _text[_at++];
                if (c == '"')
                {
                    return text.ToString();
                }

                if (c < ' ')
                {
                    _at--;
                    throw Error("control characters must be escaped in strings");
                }

                text.Append(c == '\\' ? ReadEscape() : c);
            }
        }

        private char ReadEscape()
        {
            if (_at >= _text.Length)
            {
                throw Error("the string is not closed");
            }

            char c = _text[_at++];
            switch (c)
            {
                case '"': return '"';
                case '\\': return '\\';
                case '/': return '/';
                case 'b': return '\b';
                case 'f': return '\f';
                case 'n': return '\n';
                case 'r': return '\r';
                case 't': return '\t';
                case 'u': return ReadUnicodeEscape();
                default:
                    _at--;
                    throw Error("unknown escape \\" + c.ToString());
            }
        }

        private char ReadUnicodeEscape()
        {
            int code = 0;
            for (int i = 0; i < 4; i++)
            {
                int digit = _at < _text.Length ? HexValue(_text[_at]) : -1;
                if (digit < 0)
                {
                    throw Error("\\u needs four hex digits");
                }

                code = (code * 16) + digit;
                _at++;
            }

            return (char)code;
        }

        private long ReadWholeNumber()
        {
            int start = _at;
            bool negative = Peek() == '-';
            if (negative)
            {
                _at++;
            }

            long value = 0;
            int digits = 0;
            while (_at < _text.Length && _text[_at] >= '0' && _text[_at] <= '9')
            {
                // 18 digits always fit a long; longer numbers are not needed here.
                if (digits == 18)
                {
                    _at = start;
                    throw Error("the number has more than 18 digits");
                }

                value = (value * 10) + (_text[_at] - '0');
                digits++;
                _at++;
            }

            if (digits == 0)
            {
                throw Error("expected a digit");
            }

            char next = Peek();
            if (next == '.' || next == 'e' || next == 'E')
            {
                throw Error("only whole numbers are supported");
            }

            return negative ? -value : value;
        }

        private void ExpectWord(string word)
        {
            for (int i = 0; i < word.Length; i++)
            {
                if (_at + i >= _text.Length || _text[_at + i] != word[i])
                {
                    throw Error("expected " + word);
                }
            }

            _at += word.Length;
        }

        private void Expect(char c)
        {
            if (Peek() != c)
            {
                throw Error("expected '" + c.ToString() + "'");
            }

            _at++;
        }

        private char Peek()
        {
            return _at < _text.Length ? _text[_at] : '\0';
        }

        private void SkipSpace()
        {
            while (_at < _text.Length)
            {
                char c = _text[_at];
                if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
                {
                    return;
                }

                _at++;
            }
        }

        private static int HexValue(char c)
        {
            if (c >= '0' && c <= '9')
            {
                return c - '0';
            }

            if (c >= 'a' && c <= 'f')
            {
                return c - 'a' + 10;
            }

            if (c >= 'A' && c <= 'F')
            {
                return c - 'A' + 10;
            }

            return -1;
        }

        private ArgumentException Error(string problem)
        {
            string where = _at >= _text.Length ? "at the end" : "at character " + (_at + 1).ToString();
            return new ArgumentException("not a flat JSON object: " + problem + " " + where);
        }
    }
}
