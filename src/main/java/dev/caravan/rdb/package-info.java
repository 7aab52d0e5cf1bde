/**
 * The RDB engine: a streaming parser, validator, DUMP-payload producer and writer for Redis and
 * Valkey snapshots, in plain Java over streams. Nothing here holds a whole snapshot or a whole
 * large value in memory, except {@link dev.caravan.rdb.DecodeVisitor} which is for inspection.
 *
 * <h2>Grammar</h2>
 * Sources: redis/redis and valkey-io/valkey {@code src/rdb.h}, {@code src/rdb.c},
 * {@code src/ziplist.c}, {@code src/listpack.c}, {@code src/t_stream.c}, {@code src/lzf_d.c}.
 * <pre>
 * file      := header item* EOF checksum?
 * header    := "REDIS" 4 digits (versions 1-12) | "VALKEY" 3 digits (80, Valkey 9)
 * item      := AUX key:string value:string               0xFA (RDB 7+)
 *            | SELECTDB db:length                         0xFE
 *            | RESIZEDB size:length expires:length        0xFB (RDB 7+)
 *            | EXPIRETIME seconds:int32-le                0xFD  applies to the next key
 *            | EXPIRETIME_MS ms:int64-le                  0xFC  applies to the next key
 *            | IDLE seconds:length | FREQ counter:u8      0xF8 / 0xF9 (RDB 9+) next key's LRU/LFU
 *            | MODULE_AUX id:length when-op:length(=2) when:length module-items   0xF7
 *            | FUNCTION_PRE_GA ...                        0xF6 (7.0 RC1/RC2) refused, as the server does
 *            | FUNCTION2 code:string                      0xF5
 *            | SLOT_INFO slot:length size:length expires:length         0xF4
 *            | type:u8 key:string value(type)
 * EOF       := 0xFF
 * checksum  := crc64:u64-le   (RDB 5+): CRC-64/Jones over every byte before it; 0 = disabled
 * </pre>
 * Nothing may follow the checksum, except the 40-hex-character EOF mark of a diskless
 * replication stream, which is reported in {@link dev.caravan.rdb.RdbSummary}.
 *
 * <h3>Lengths and strings</h3>
 * <pre>
 * length := 00xxxxxx (6 bits) | 01xxxxxx yyyyyyyy (14 bits, big-endian)
 *         | 0x80 u32-be | 0x81 u64-be
 * string := length bytes
 *         | 0xC0 int8 | 0xC1 int16-le | 0xC2 int32-le         (decimal text when loaded)
 *         | 0xC3 compressed-len:length len:length lzf-data    (LZF, back-references ≤ 8 KiB)
 * double := u8 len (253 NaN, 254 +inf, 255 -inf) ascii[len]  (ZSET, type 3)
 * binary double := float64-le                                 (ZSET_2, type 5)
 * </pre>
 *
 * <h3>Value types (type byte: body)</h3>
 * <pre>
 *  0 STRING           string
 *  1 LIST             n:length string*n
 *  2 SET              n:length string*n
 *  3 ZSET             n:length (member:string score:double)*n
 *  4 HASH             n:length (field:string value:string)*n
 *  5 ZSET_2           n:length (member:string score:binary double)*n
 *  6 MODULE (pre-GA)  refused: cannot be read without the module
 *  7 MODULE_2         id:length(u64: 9 chars of 6 bits + 10-bit encver) module-items
 *  9 HASH_ZIPMAP      string(zipmap)
 * 10 LIST_ZIPLIST     string(ziplist)
 * 11 SET_INTSET       string(intset)
 * 12 ZSET_ZIPLIST     string(ziplist of member, score pairs)
 * 13 HASH_ZIPLIST     string(ziplist of field, value pairs)
 * 14 LIST_QUICKLIST   n:length string(ziplist)*n
 * 15 STREAM_LISTPACKS stream body, version 1
 * 16 HASH_LISTPACK    string(listpack of field, value pairs)
 * 17 ZSET_LISTPACK    string(listpack of member, score pairs)
 * 18 LIST_QUICKLIST_2 n:length (container:length(1 plain, 2 packed) string)*n
 * 19 STREAM_LISTPACKS_2, 21 STREAM_LISTPACKS_3: stream body, versions 2 and 3
 * 20 SET_LISTPACK     string(listpack)
 * Redis 7.4 (RDB 12), hash field expiry (HFE):
 * 22 HASH_METADATA_PRE_GA     n:length (ttl:length(absolute ms, 0 none) field value)*n
 * 23 HASH_LISTPACK_EX_PRE_GA  string(listpack of field, value, expire-ms(0 none) triplets)
 * 24 HASH_METADATA            min-expire:int64-le n:length (ttl:length(0 none, else expire-min+1) field value)*n
 * 25 HASH_LISTPACK_EX         min-expire:int64-le string(listpack triplets as in 23)
 * Valkey 9 (VALKEY080), where 22 means:
 * 22 HASH_2                   n:length (field value expire:int64-le(-1 none))*n
 *
 * module-items := (op:length item)* 0   with op 1 sint:length, 2 uint:length, 3 float32,
 *                                        4 float64, 5 string
 * stream body  := nodes:length (master-id:string(16 bytes, ms and seq big-endian)
 *                 string(listpack))*nodes
 *                 length:length last-id:(ms:length seq:length)
 *                 [v2+: first-id max-deleted-id entries-added:length]
 *                 groups:length (name last-id [v2+: entries-read:length]
 *                   pel:length (id:16 bytes delivery-time:int64-le count:length)*
 *                   consumers:length (name seen-time:int64-le [v3: active-time:int64-le]
 *                     pel:length id:16 bytes*)*)*
 *   node listpack := count deleted n field*n 0, then per entry:
 *                    flags(1 deleted, 2 same fields) ms-delta seq-delta
 *                    (n (field value)*n | value*master-n) lp-count
 * </pre>
 *
 * <h3>Nested encodings (inside a string, possibly LZF-compressed; parsed forward-only)</h3>
 * <pre>
 * ziplist  := zlbytes:u32-le zltail:u32-le zllen:u16-le entry* 0xFF
 *   entry  := prevlen(u8 &lt; 254 | 0xFE u32-le) encoding data
 *   encoding: 00pppppp str | 01pppppp qqqqqqqq str | 10______ u32-be str
 *             0xC0 int16 | 0xD0 int32 | 0xE0 int64 | 0xF0 int24 | 0xFE int8 | 0xF1-0xFD imm 0-12
 * listpack := total-bytes:u32-le count:u16-le entry* 0xFF
 *   entry  := encoding data backlen(1-5 bytes: entry size in 7-bit groups, big-endian)
 *   encoding: 0xxxxxxx uint7 | 10xxxxxx str6 | 110xxxxx int13 | 1110xxxx str12
 *             | 0xF0 str u32-le | 0xF1 int16 | 0xF2 int24 | 0xF3 int32 | 0xF4 int64
 * intset   := width:u32-le(2,4,8) count:u32-le int-le*count (strictly ascending)
 * zipmap   := count:u8 (len key len free:u8 value free-bytes)* 0xFF
 *   len    := u8 &lt; 254 | 0xFE u32-le
 * </pre>
 *
 * <h2>DUMP payloads</h2>
 * {@code type:u8 body version:u16-le crc64:u64-le}, the CRC over everything before it. The
 * body is the value exactly as in the file; the version stamped is the lowest RDB version that
 * knows the type ({@link dev.caravan.rdb.RdbType#minVersion()}), so payloads restore into the
 * oldest server able to load them.
 */
package dev.caravan.rdb;
