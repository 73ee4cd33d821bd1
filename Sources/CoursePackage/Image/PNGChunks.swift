/// The chunks of a PNG file that the decoder uses, read with their CRCs checked.
struct PNGChunks {
    /// `IHDR`.
    var header: PNGDecoder.Header?
    /// `PLTE` as 256 RGBA entries (entries past the palette are opaque black).
    var palette: [UInt8]?
    /// `tRNS` as written.
    var transparency: [UInt8]?
    /// The `IDAT` chunks' data, concatenated.
    var imageData: [UInt8] = []

    /// Walks the chunks after the signature up to `IEND`.
    mutating func read(_ bytes: [UInt8]) throws(PNGError) {
        var offset = PNGDecoder.signature.count
        var count = 0
        while true {
            count += 1
            guard count <= PNGLimits.maxChunks else { throw .malformed("more than \(PNGLimits.maxChunks) chunks") }
            guard bytes.count - offset >= 12 else { throw .truncated }
            let length = Int(Self.uint32(bytes, offset))
            guard length <= Int(Int32.max) else { throw .malformed("a chunk length is past 2^31 - 1") }
            guard bytes.count - offset - 12 >= length else { throw .truncated }
            let typeBytes = bytes[(offset + 4)..<(offset + 8)]
            let type = String(decoding: typeBytes.map { (0x41...0x7A).contains($0) ? $0 : 0x3F }, as: UTF8.self)
            let body = Array(bytes[(offset + 8)..<(offset + 8 + length)])
            var crc = CRC32()
            crc.update(bytes[(offset + 4)..<(offset + 8 + length)])
            guard crc.value == Self.uint32(bytes, offset + 8 + length) else { throw .badCRC(chunk: type) }
            offset += 12 + length
            if type == "IEND" { break }
            try take(type: type, body: body)
        }
        guard header != nil else { throw .malformed("the IHDR chunk is missing") }
        guard !imageData.isEmpty else { throw .malformed("there is no IDAT chunk") }
    }

    /// Records one chunk.
    private mutating func take(type: String, body: [UInt8]) throws(PNGError) {
        if type != "IHDR", header == nil { throw .malformed("the first chunk is \(type), not IHDR") }
        switch type {
        case "IHDR":
            guard header == nil else { throw .malformed("there are two IHDR chunks") }
            header = try Self.header(body)
        case "PLTE":
            guard body.count % 3 == 0, (3...768).contains(body.count) else {
                throw .malformed("the PLTE chunk has \(body.count) bytes")
            }
            var table = [UInt8](repeating: 0, count: 256 * 4)
            for entry in 0..<256 { table[entry * 4 + 3] = 255 }
            for entry in 0..<(body.count / 3) {
                table[entry * 4] = body[entry * 3]
                table[entry * 4 + 1] = body[entry * 3 + 1]
                table[entry * 4 + 2] = body[entry * 3 + 2]
            }
            palette = table
        case "tRNS":
            transparency = body
        case "IDAT":
            imageData += body
        default:
            // Bit 5 of the first letter clear (upper case): critical, and this decoder cannot skip it.
            if let first = type.utf8.first, first & 0x20 == 0 { throw .unsupported("the critical chunk \(type)") }
        }
    }

    /// Reads and checks `IHDR`.
    static func header(_ body: [UInt8]) throws(PNGError) -> PNGDecoder.Header {
        guard body.count == 13 else { throw .malformed("the IHDR chunk has \(body.count) bytes, not 13") }
        let width = Int(uint32(body, 0))
        let height = Int(uint32(body, 4))
        guard width > 0, height > 0 else { throw .malformed("the picture is \(width)×\(height) pixels") }
        guard width <= PNGLimits.maxDimension, height <= PNGLimits.maxDimension,
            width * height * 4 <= PNGLimits.maxDecodedBytes
        else { throw .tooLarge(width: width, height: height) }
        let depth = Int(body[8])
        let colorType = Int(body[9])
        let allowed: [Int: [Int]] = [0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16]]
        guard let depths = allowed[colorType] else { throw .malformed("colour type \(colorType) does not exist") }
        guard depths.contains(depth) else {
            throw .malformed("bit depth \(depth) is not allowed for colour type \(colorType)")
        }
        guard body[10] == 0, body[11] == 0 else { throw .unsupported("an unknown compression or filter method") }
        guard body[12] <= 1 else { throw .malformed("interlace method \(body[12]) does not exist") }
        return PNGDecoder.Header(
            width: width, height: height, bitDepth: depth, colorType: colorType, interlaced: body[12] == 1)
    }

    /// The big-endian 32-bit number at `offset` (4 bytes in range).
    static func uint32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        bytes[offset..<offset + 4].reduce(0) { $0 << 8 | UInt32($1) }
    }
}
