"""The shared core every feature stands on: message types, the handlers' context, delivery, settings,
the store and its plan view, and the user-facing texts. It knows no platform and imports no edge."""
