import EHCCore
