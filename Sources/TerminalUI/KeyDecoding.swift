import CNcurses
import EHCTUI

/// Turns what `wget_wch` returns into a ``Key``: function-key codes and characters alike.
///
/// ```swift
/// KeyDecoding.key(value: Int32(KEY_DOWN), isFunctionKey: true)   // .down
/// KeyDecoding.key(value: 106, isFunctionKey: false)              // .character("j")
/// ```
public enum KeyDecoding {
    public static func key(value: Int32, isFunctionKey: Bool) -> Key? {
        if isFunctionKey {
            switch value {
            case KEY_UP: return .up
            case KEY_DOWN: return .down
            case KEY_NPAGE: return .pageDown
            case KEY_PPAGE: return .pageUp
            case KEY_HOME: return .home
            case KEY_END: return .end
            case KEY_ENTER: return .enter
            case KEY_BTAB: return .backTab
            case KEY_BACKSPACE: return .backspace
            default: return nil
            }
        }
        switch value {
        case 10, 13: return .enter  // nonl: Enter arrives as carriage return
        case 8, 127: return .backspace
        case 9: return .tab
        case 27: return .escape
        case 1...26: return .control(Character(Unicode.Scalar(UInt8(value) + 96)))
        default:
            guard value >= 32, let scalar = Unicode.Scalar(UInt32(value)) else { return nil }
            return .character(Character(scalar))
        }
    }
}
