"""Files in and out: TOML model files (:mod:`.model_file` reads and checks them,
:mod:`.model_sections` validates each section, :mod:`.positions` maps keys to lines,
:mod:`.model_toml` writes a model back) and Gambit's ``.nfg`` games (:mod:`.gambit`)."""
