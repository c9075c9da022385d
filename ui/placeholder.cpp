// desk_ui sources are added here.
