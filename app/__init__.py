"""The application without a screen: model, storage, commands, composition, export."""
