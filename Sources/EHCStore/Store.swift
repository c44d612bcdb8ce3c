import EHCCore
import GRDB
